import type { Provider } from '@nestjs/common';
import { CreateIncident, openReleasePolicy, ReleaseAlert, SubmitAlert, systemClock, type ReleasePolicy } from '@faro/alerts';
import { InventoryIndex, SqlAlertStore } from '@faro/persistence';
import { RELEASE_POLICY } from './tokens';

// Where the plain-TypeScript use cases meet their adapters.
export const useCaseProviders: Provider[] = [
  { provide: RELEASE_POLICY, useValue: openReleasePolicy },
  {
    provide: CreateIncident,
    inject: [SqlAlertStore, InventoryIndex],
    useFactory: (s: SqlAlertStore, t: InventoryIndex) => new CreateIncident(s, t, systemClock),
  },
  {
    provide: ReleaseAlert,
    inject: [SqlAlertStore, RELEASE_POLICY],
    useFactory: (s: SqlAlertStore, p: ReleasePolicy) => new ReleaseAlert(s, p, systemClock),
  },
  { provide: SubmitAlert, inject: [SqlAlertStore], useFactory: (s: SqlAlertStore) => new SubmitAlert(s, systemClock) },
];
