import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
// Relative, not @faro/persistence: jest's moduleNameMapper is not promised to globalSetup.
import { runMigrations, seedDemoData } from '../libs/persistence/src';
import { testDatabaseUrl } from './services';

// Once per integration run: migrate the test database and load the demo inventory, keys and
// gateways. Specs then make their own rows with fresh ids instead of wiping tables.
export default async function globalSetup(): Promise<void> {
  const url = testDatabaseUrl();
  const t0 = Date.now();
  const applied = await runMigrations(url);
  await seedDemoData(url, { dataDir: path.resolve(__dirname, '..', 'data'), log: () => undefined });
  // Where the shared platform (test/shared-platform.ts) leaves its address and output.
  process.env.FARO_SHARED_PLATFORM_DIR = mkdtempSync(path.join(tmpdir(), 'faro-shared-'));
  process.stdout.write(
    `\n[global-setup] ${applied.length} migration(s) applied, demo data seeded in ${Date.now() - t0} ms\n`,
  );
}
