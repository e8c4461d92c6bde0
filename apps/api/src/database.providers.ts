import type { Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { FaroConfig } from '@faro/config';
import { keyEncryptionFromConfig, type KeyEncryptionPort } from '@faro/broadcast-security';
import { InventoryIndex, SqlAlertStore, SqlAlertViews, SqlConsoleViews, SqlCellStore, SqlKillRecord, SqlSigningKeys, SqlOutbox, SqlSavedAreas, SqlWorkerHeartbeats, createDataSource, databaseTimeoutsOf, initializeDataSource } from '@faro/persistence';
import { BoundaryCatalog } from '@faro/targeting';
import { resolve } from 'node:path';
import { CONFIG, KEK } from './tokens';

// The adapters over PostgreSQL, built once per process.
export const databaseProviders: Provider[] = [
  {
    provide: DataSource,
    inject: [CONFIG],
    useFactory: async (c: FaroConfig) => initializeDataSource(createDataSource(c.DATABASE_URL, { poolSize: 20, applicationName: 'faro-api', timeouts: databaseTimeoutsOf(c) })),
  },
  { provide: SqlAlertStore, inject: [DataSource], useFactory: (ds: DataSource) => new SqlAlertStore(ds) },
  { provide: SqlAlertViews, inject: [DataSource], useFactory: (ds: DataSource) => new SqlAlertViews(ds) },
  { provide: SqlConsoleViews, inject: [DataSource], useFactory: (ds: DataSource) => new SqlConsoleViews(ds) },
  { provide: SqlKillRecord, inject: [DataSource], useFactory: (ds: DataSource) => new SqlKillRecord(ds) },
  { provide: SqlCellStore, inject: [DataSource], useFactory: (ds: DataSource) => new SqlCellStore(ds) },
  { provide: SqlSavedAreas, inject: [DataSource], useFactory: (ds: DataSource) => new SqlSavedAreas(ds) },
  { provide: SqlOutbox, inject: [DataSource], useFactory: (ds: DataSource) => new SqlOutbox(ds) },
  { provide: SqlWorkerHeartbeats, inject: [DataSource], useFactory: (ds: DataSource) => new SqlWorkerHeartbeats(ds) },
  { provide: BoundaryCatalog, inject: [CONFIG], useFactory: (c: FaroConfig) => BoundaryCatalog.load(resolve(c.FARO_DATA_DIR)) },
  {
    provide: InventoryIndex,
    inject: [SqlCellStore, BoundaryCatalog, CONFIG],
    useFactory: (s: SqlCellStore, b: BoundaryCatalog, c: FaroConfig) => new InventoryIndex(s, b, { overshootWarnFactor: c.OVERSHOOT_WARN_FACTOR }),
  },
  { provide: KEK, inject: [CONFIG], useFactory: (c: FaroConfig): KeyEncryptionPort => keyEncryptionFromConfig(c) },
  { provide: SqlSigningKeys, inject: [DataSource, KEK], useFactory: (ds: DataSource, k: KeyEncryptionPort) => new SqlSigningKeys(ds, k) },
];
