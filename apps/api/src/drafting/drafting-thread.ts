import { workerData } from 'node:worker_threads';
import { resolve } from 'node:path';
import { AssessSatelliteReach, incidentFromCap, parseIncidentJson, systemClock } from '@faro/alerts';
import { skyFromSettings } from '@faro/constellation';
import { decodeXmlBytes, parseCapAlert } from '@faro/cap';
import { createDataSource, InventoryIndex, SqlCellStore, SqlTargetingCache } from '@faro/persistence';
import { magnitudeFromCap } from '@faro/sensors';
import { BoundaryCatalog } from '@faro/targeting';
import { CatalogJurisdictionGuard } from '@faro/jurisdictions';
import type { DraftingReply, DraftingTask, DraftingThreadOptions } from './drafting-task';

// A drafting thread of the API (drafting-pool.ts): the work of a draft that grows with its size
// (validating a JSON incident or reading a CAP document of up to 1 MiB, the jurisdiction check,
// the targeting summary) runs
// here, off the event loop that answers /health, the keys and every other request. The inventory
// index (~200k cells) and the territories are loaded once, as the thread starts (piscina waits
// for this module's handler before it hands the thread a task), not per request.
async function start(options: DraftingThreadOptions): Promise<(task: DraftingTask) => Promise<DraftingReply>> {
  const ds = await createDataSource(options.databaseUrl, { poolSize: 1, applicationName: 'faro-api-drafting' }).initialize();
  const catalog = BoundaryCatalog.load(resolve(options.dataDir));
  const inventory = new InventoryIndex(new SqlCellStore(ds), catalog, { overshootWarnFactor: options.overshootWarnFactor, terrestrialNetworkWide: options.terrestrialNetworkWide }, { cache: new SqlTargetingCache(ds), write: true });
  const guard = new CatalogJurisdictionGuard(catalog);
  // The satellite check of a preview runs SGP4 for every satellite at each repetition until every
  // cell has had a route: up to a second for a national alert, so here, off the event loop.
  const satellite = new AssessSatelliteReach(inventory, skyFromSettings(options.sky), systemClock, options.repetitionSeconds);
  await inventory.index();
  return async (task) => {
    try {
      switch (task.kind) {
        case 'read-json':
          return { ok: true, draft: parseIncidentJson(task.body, task.now, task.defaultSender) };
        case 'read-cap': {
          const cap = parseCapAlert(task.bytes);
          const draft = incidentFromCap(cap, task.now);
          return { ok: true, cap: { draft, capIdentity: `${cap.sender}|${cap.identifier}|${cap.sent}`, text: decodeXmlBytes(task.bytes), magnitude: task.magnitude ? magnitudeFromCap(cap) : null } };
        }
        case 'assert-within':
          await guard.assertWithin(task.areas, task.jurisdictionId);
          return { ok: true };
        case 'summarize':
          return { ok: true, summary: await inventory.summarize(task.areas) };
        case 'satellite-reach':
          return { ok: true, reach: await satellite.assess(task.areas, task.expires) };
      }
    } catch (e) {
      const error = e as Partial<Error> & { code?: unknown; areaIndex?: unknown; pointer?: unknown };
      return {
        ok: false,
        error: {
          name: String(error?.name ?? 'Error'),
          message: String(error?.message ?? e),
          ...(typeof error?.code === 'string' ? { code: error.code } : {}),
          ...(typeof error?.areaIndex === 'number' ? { areaIndex: error.areaIndex } : {}),
          ...(typeof error?.pointer === 'string' ? { pointer: error.pointer } : {}),
        },
      };
    }
  };
}

export default start(workerData as DraftingThreadOptions);
