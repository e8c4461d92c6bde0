import type { Provider, Type } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AudienceAdministration, type JurisdictionContains } from '@faro/audiences';
import { systemClock } from '@faro/alerts';
import type { KeyEncryptionPort } from '@faro/broadcast-security';
import { SqlAudienceDirectory, SqlAudienceStore, SqlAudienceViews } from '@faro/persistence';
import { BoundaryCatalog, jurisdictionContains } from '@faro/targeting';
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
  { provide: SqlAudienceViews, inject: [DataSource], useFactory: (ds: DataSource) => new SqlAudienceViews(ds) },
  {
    provide: SqlAudienceDirectory,
    inject: [DataSource, JURISDICTION_CONTAINS],
    useFactory: (ds: DataSource, contains: JurisdictionContains) => new SqlAudienceDirectory(ds, contains),
  },
  {
    provide: AudienceAdministration,
    inject: [DataSource, KEK, JURISDICTION_CONTAINS],
    useFactory: (ds: DataSource, kek: KeyEncryptionPort, contains: JurisdictionContains) =>
      new AudienceAdministration(new SqlAudienceStore(ds), kek, contains, systemClock),
  },
];
