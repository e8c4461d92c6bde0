import type { Provider, Type } from '@nestjs/common';
import { AudienceAdministration, type JurisdictionContains } from '@faro/audiences';
import { systemClock } from '@faro/alerts';
import type { KeyEncryptionPort } from '@faro/broadcast-security';
import { Database, SqlAudienceDirectory, SqlAudienceStore, SqlAudienceViews } from '@faro/persistence';
import { BoundaryCatalog } from '@faro/targeting';
import { jurisdictionContains } from '@faro/jurisdictions';
import { JURISDICTION_CONTAINS, KEK } from '../tokens';
import { AudiencesController } from './audiences.controller';

// What the restricted-audience area adds to the API module.
export const audiencesControllers: Type<unknown>[] = [AudiencesController];
export const audiencesProviders: Provider[] = [
  {
    provide: JURISDICTION_CONTAINS,
    inject: [BoundaryCatalog],
    useFactory: (c: BoundaryCatalog): JurisdictionContains => (parent, child) => jurisdictionContains(parent, child, c),
  },
  { provide: SqlAudienceViews, inject: [Database], useFactory: (ds: Database) => new SqlAudienceViews(ds) },
  {
    provide: SqlAudienceDirectory,
    inject: [Database, JURISDICTION_CONTAINS],
    useFactory: (ds: Database, contains: JurisdictionContains) => new SqlAudienceDirectory(ds, contains),
  },
  {
    provide: AudienceAdministration,
    inject: [Database, KEK, JURISDICTION_CONTAINS],
    useFactory: (ds: Database, kek: KeyEncryptionPort, contains: JurisdictionContains) =>
      new AudienceAdministration(new SqlAudienceStore(ds), kek, contains, systemClock),
  },
];
