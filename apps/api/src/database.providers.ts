import { Logger, type Provider } from '@nestjs/common';
import type { FaroConfig } from '@faro/config';
import { keyEncryptionFromConfig, type KeyEncryptionPort } from '@faro/broadcast-security';
import { AuditSealing, createDataSource, Database, databaseTimeoutsOf, initializeDataSource, SqlAlertCellStates, SqlAlertStore, SqlAlertTimeline, SqlAlertViews, SqlCellStore, SqlConsoleViews, SqlKillRecord, SqlOutbox, SqlSatellitePlans, SqlSavedAreas, SqlSigningKeys, SqlWorkerHeartbeats } from '@faro/persistence';
import { BoundaryCatalog } from '@faro/targeting';
import { resolve } from 'node:path';
import { CONFIG, KEK } from './tokens';

// The adapters over PostgreSQL, built once per process.
export const databaseProviders: Provider[] = [
  {
    provide: Database,
    inject: [CONFIG],
    useFactory: async (c: FaroConfig) => initializeDataSource(createDataSource(c.DATABASE_URL, { poolSize: 20, applicationName: 'faro-api', timeouts: databaseTimeoutsOf(c) })),
  },
  // Chains what this process appends to the audit trail (libs/audit AuditSealer).
  { provide: AuditSealing, inject: [Database], useFactory: (ds: Database) => new AuditSealing(ds, (e) => new Logger('audit').error(`audit sealing failed: ${(e as Error).message}`)) },
  { provide: SqlAlertStore, inject: [Database], useFactory: (ds: Database) => new SqlAlertStore(ds) },
  { provide: SqlAlertViews, inject: [Database], useFactory: (ds: Database) => new SqlAlertViews(ds) },
  { provide: SqlAlertTimeline, inject: [Database], useFactory: (ds: Database) => new SqlAlertTimeline(ds) },
  { provide: SqlAlertCellStates, inject: [Database], useFactory: (ds: Database) => new SqlAlertCellStates(ds) },
  { provide: SqlSatellitePlans, inject: [Database], useFactory: (ds: Database) => new SqlSatellitePlans(ds) },
  { provide: SqlConsoleViews, inject: [Database], useFactory: (ds: Database) => new SqlConsoleViews(ds) },
  { provide: SqlKillRecord, inject: [Database], useFactory: (ds: Database) => new SqlKillRecord(ds) },
  { provide: SqlCellStore, inject: [Database], useFactory: (ds: Database) => new SqlCellStore(ds) },
  { provide: SqlSavedAreas, inject: [Database], useFactory: (ds: Database) => new SqlSavedAreas(ds) },
  { provide: SqlOutbox, inject: [Database], useFactory: (ds: Database) => new SqlOutbox(ds) },
  { provide: SqlWorkerHeartbeats, inject: [Database], useFactory: (ds: Database) => new SqlWorkerHeartbeats(ds) },
  { provide: BoundaryCatalog, inject: [CONFIG], useFactory: (c: FaroConfig) => BoundaryCatalog.load(resolve(c.FARO_DATA_DIR)) },
  { provide: KEK, inject: [CONFIG], useFactory: (c: FaroConfig): KeyEncryptionPort => keyEncryptionFromConfig(c) },
  { provide: SqlSigningKeys, inject: [Database, KEK], useFactory: (ds: Database, k: KeyEncryptionPort) => new SqlSigningKeys(ds, k) },
];
