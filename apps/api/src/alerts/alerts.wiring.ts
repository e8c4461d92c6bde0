import type { Provider } from '@nestjs/common';
import { CreateIncident, EditAlert, PreviewDraft, ReadAlertCoverage, RejectAlert, ReleaseAlert, RoleAndJurisdictionPolicy, SubmitAlert, systemClock, type JurisdictionGuard, type ReleasePolicy } from '@faro/alerts';
import { satelliteSkySettings, type FaroConfig } from '@faro/config';
import { SqlAlertStore, SqlAudienceDirectory, SqlSatellitePlans } from '@faro/persistence';
import { DraftingPool } from '../drafting/drafting-pool';
import { IncidentIngest } from '../incidents/incident-ingest';
import { CONFIG, JURISDICTION_GUARD, RELEASE_POLICY } from '../tokens';

// The alerts area (incidents, drafts, alerts): where its plain-TypeScript use cases meet their
// adapters, as each area's <area>.wiring.ts does.
export const alertsProviders: Provider[] = [
  // CAP reading, jurisdiction checks and targeting run in worker threads, off the event loop (issue 9).
  {
    provide: DraftingPool,
    inject: [CONFIG],
    useFactory: (c: FaroConfig) =>
      new DraftingPool(c.DRAFTING_THREADS, {
        databaseUrl: c.DATABASE_URL,
        dataDir: c.FARO_DATA_DIR,
        overshootWarnFactor: c.OVERSHOOT_WARN_FACTOR,
        // In network mode the terrestrial CBCs take no cell list (ECBE): drafts say which will carry nothing.
        terrestrialNetworkWide: c.UPLINK_MODE === 'network',
        sky: satelliteSkySettings(c),
        repetitionSeconds: c.SATELLITE_REPETITION_SECONDS,
      }),
  },
  { provide: JURISDICTION_GUARD, useExisting: DraftingPool },
  { provide: IncidentIngest, inject: [DraftingPool], useFactory: (d: DraftingPool) => new IncidentIngest(d) },
  { provide: RELEASE_POLICY, inject: [JURISDICTION_GUARD], useFactory: (g: JurisdictionGuard) => new RoleAndJurisdictionPolicy(g) },
  {
    provide: CreateIncident,
    inject: [SqlAlertStore, DraftingPool, JURISDICTION_GUARD, SqlAudienceDirectory],
    useFactory: (s: SqlAlertStore, t: DraftingPool, g: JurisdictionGuard, a: SqlAudienceDirectory) => new CreateIncident(s, t, systemClock, g, a),
  },
  {
    provide: PreviewDraft,
    inject: [DraftingPool, JURISDICTION_GUARD, SqlAudienceDirectory],
    useFactory: (t: DraftingPool, g: JurisdictionGuard, a: SqlAudienceDirectory) => new PreviewDraft(t, g, a, t),
  },
  {
    provide: ReleaseAlert,
    inject: [SqlAlertStore, RELEASE_POLICY],
    useFactory: (s: SqlAlertStore, p: ReleasePolicy) => new ReleaseAlert(s, p, systemClock),
  },
  { provide: ReadAlertCoverage, inject: [SqlAlertStore, SqlSatellitePlans], useFactory: (s: SqlAlertStore, p: SqlSatellitePlans) => new ReadAlertCoverage(s, p) },
  { provide: SubmitAlert, inject: [SqlAlertStore], useFactory: (s: SqlAlertStore) => new SubmitAlert(s, systemClock) },
  { provide: RejectAlert, inject: [SqlAlertStore], useFactory: (s: SqlAlertStore) => new RejectAlert(s, systemClock) },
  {
    provide: EditAlert,
    inject: [SqlAlertStore, DraftingPool, JURISDICTION_GUARD],
    useFactory: (s: SqlAlertStore, t: DraftingPool, g: JurisdictionGuard) => new EditAlert(s, t, g, systemClock),
  },
];
