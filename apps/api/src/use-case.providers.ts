import type { Provider } from '@nestjs/common';
import { CreateIncident, EditAlert, ReleaseAlert, RoleAndJurisdictionPolicy, SubmitAlert, systemClock, type JurisdictionGuard, type ReleasePolicy } from '@faro/alerts';
import { InventoryIndex, SqlAlertStore, SqlAudienceDirectory } from '@faro/persistence';
import { BoundaryCatalog, CatalogJurisdictionGuard } from '@faro/targeting';
import { JURISDICTION_GUARD, RELEASE_POLICY } from './tokens';

// Where the plain-TypeScript use cases meet their adapters.
export const useCaseProviders: Provider[] = [
  { provide: JURISDICTION_GUARD, inject: [BoundaryCatalog], useFactory: (c: BoundaryCatalog): JurisdictionGuard => new CatalogJurisdictionGuard(c) },
  { provide: RELEASE_POLICY, inject: [JURISDICTION_GUARD], useFactory: (g: JurisdictionGuard) => new RoleAndJurisdictionPolicy(g) },
  {
    provide: CreateIncident,
    inject: [SqlAlertStore, InventoryIndex, JURISDICTION_GUARD, SqlAudienceDirectory],
    useFactory: (s: SqlAlertStore, t: InventoryIndex, g: JurisdictionGuard, a: SqlAudienceDirectory) => new CreateIncident(s, t, systemClock, g, a),
  },
  {
    provide: ReleaseAlert,
    inject: [SqlAlertStore, RELEASE_POLICY],
    useFactory: (s: SqlAlertStore, p: ReleasePolicy) => new ReleaseAlert(s, p, systemClock),
  },
  { provide: SubmitAlert, inject: [SqlAlertStore], useFactory: (s: SqlAlertStore) => new SubmitAlert(s, systemClock) },
  {
    provide: EditAlert,
    inject: [SqlAlertStore, InventoryIndex, JURISDICTION_GUARD],
    useFactory: (s: SqlAlertStore, t: InventoryIndex, g: JurisdictionGuard) => new EditAlert(s, t, g, systemClock),
  },
];
