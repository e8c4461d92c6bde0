import { BoundaryCatalog } from '@faro/targeting';
import {
  generateSatelliteGrid,
  generateTerrestrialInventory,
  loadCalibration,
} from '@faro/inventory';
import { createDataSource } from './data-source';
import { DEFAULT_DATABASE_TIMEOUTS } from './database-timeouts';
import { SqlCellStore } from './cell-store';
import { seedJurisdictions } from './seed-jurisdictions';

// The demo inventory is generated, not downloaded: deterministic for this seed.
export const DEMO_INVENTORY_SEED = 20260120;
// Bump the suffix whenever the generator changes what it writes (v2: satellite gateways named sat-*).
const DEMO_INVENTORY_VERSION = `demo-${DEMO_INVENTORY_SEED}-v2`;

export async function seedDemoData(databaseUrl: string, opts: { dataDir: string; log: (msg: string) => void }): Promise<void> {
  // No statement_timeout: the inventory COPY of every cell may run long on a small machine.
  const ds = createDataSource(databaseUrl, { poolSize: 2, applicationName: 'faro-seed', timeouts: { ...DEFAULT_DATABASE_TIMEOUTS, statementMs: 0 } });
  await ds.initialize();
  try {
    const catalog = BoundaryCatalog.load(opts.dataDir);
    const jurisdictions = await seedJurisdictions(ds, catalog);
    if (jurisdictions > 0) opts.log(`jurisdictions: ${jurisdictions} added or changed`);
    const cells = new SqlCellStore(ds);
    const have = await cells.inventoryVersion();
    if (have?.version === DEMO_INVENTORY_VERSION) {
      opts.log(`cell inventory ${have.version} present: ${have.terrestrial} terrestrial, ${have.satellite} satellite cells`);
      return;
    }
    const started = Date.now();
    const terrestrial = generateTerrestrialInventory(catalog, loadCalibration(opts.dataDir), DEMO_INVENTORY_SEED);
    const satellite = generateSatelliteGrid();
    const all = [...terrestrial, ...satellite];
    await cells.replaceInventory(all, DEMO_INVENTORY_VERSION);
    opts.log(`cell inventory ${DEMO_INVENTORY_VERSION} written: ${terrestrial.length} terrestrial, ${satellite.length} satellite cells in ${Date.now() - started} ms`);
  } finally {
    await ds.destroy();
  }
}
