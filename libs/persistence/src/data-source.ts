import { DataSource } from 'typeorm';
import { DEFAULT_DATABASE_TIMEOUTS, pgTimeoutOptions, type DatabaseTimeouts } from './database-timeouts';
import { MIGRATIONS } from './migrations';

// TypeORM is Faro's connection, transaction and migration layer. The schema changes only
// through migrations/ (synchronize stays off); hot tables are written with SQL and COPY.
export function createDataSource(databaseUrl: string, opts: { poolSize?: number; applicationName?: string; timeouts?: DatabaseTimeouts } = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url: databaseUrl,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTableName: 'faro_migrations',
    migrationsTransactionMode: 'each',
    applicationName: opts.applicationName ?? 'faro',
    extra: { max: opts.poolSize ?? 10, ...pgTimeoutOptions(opts.timeouts ?? DEFAULT_DATABASE_TIMEOUTS) },
    logging: false,
  });
}

// A connect timeout at start-up is often the process's own doing: while Nest builds the other
// providers (the boundary catalogue is read synchronously) the event loop is blocked, and the
// expired timer runs before the socket that did answer. Start-up tries again before giving up,
// so a slow start is not an outage; a database really away still fails within a bound.
export async function initializeDataSource(ds: DataSource, attempts = 3): Promise<DataSource> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ds.initialize();
    } catch (e) {
      if (attempt >= attempts || !/timeout/i.test((e as Error).message)) throw e;
    }
  }
}

export async function runMigrations(databaseUrl: string): Promise<string[]> {
  // No statement_timeout: a migration may build an index over every cell.
  const ds = createDataSource(databaseUrl, { poolSize: 2, applicationName: 'faro-migrate', timeouts: { ...DEFAULT_DATABASE_TIMEOUTS, statementMs: 0 } });
  await initializeDataSource(ds);
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
