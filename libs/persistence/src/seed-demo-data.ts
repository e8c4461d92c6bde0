import { BoundaryCatalog } from '@faro/targeting';
import {
  denserCalibration,
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

// density: the benches' denser inventory (denserCalibration; bench/million-cells.bench.ts), never
// the demo's; it is written under a version of its own.
export async function seedDemoData(databaseUrl: string, opts: { dataDir: string; log: (msg: string) => void; density?: number }): Promise<void> {
  // No statement_timeout: the inventory COPY of every cell may run long on a small machine.
  const ds = createDataSource(databaseUrl, { poolSize: 2, applicationName: 'faro-seed', timeouts: { ...DEFAULT_DATABASE_TIMEOUTS, statementMs: 0 } });
  await ds.initialize();
  try {
    const catalog = BoundaryCatalog.load(opts.dataDir);
    const jurisdictions = await seedJurisdictions(ds, catalog);
    if (jurisdictions > 0) opts.log(`jurisdictions: ${jurisdictions} added or changed`);
    const cells = new SqlCellStore(ds);
    const version = opts.density === undefined ? DEMO_INVENTORY_VERSION : `bench-dense-${DEMO_INVENTORY_SEED}-x${opts.density}`;
    const have = await cells.inventoryVersion();
    if (have?.version === version) {
      opts.log(`cell inventory ${have.version} present: ${have.terrestrial} terrestrial, ${have.satellite} satellite cells`);
      return;
    }
    const started = Date.now();
    const calibration = loadCalibration(opts.dataDir);
    const terrestrial = generateTerrestrialInventory(catalog, opts.density === undefined ? calibration : denserCalibration(calibration, opts.density), DEMO_INVENTORY_SEED);
    const satellite = generateSatelliteGrid();
    const all = [...terrestrial, ...satellite];
    await cells.replaceInventory(all, version);
    opts.log(`cell inventory ${version} written: ${terrestrial.length} terrestrial, ${satellite.length} satellite cells in ${Date.now() - started} ms`);
  } finally {
    await ds.destroy();
  }
}
