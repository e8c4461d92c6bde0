import { areasKey } from '@faro/persistence';
import { waitUntil } from './platform';
import { useTeamPlatform } from './team-platform';

jest.setTimeout(300_000);

// Issue 15: a draft's targeting is not done again at release. The API's drafting thread keeps the
// cells it targeted (targeting_results, keyed by the areas and the inventory version) and the
// worker's fan-out reads them. Shown by what goes on air: a kept result the test has changed is
// what the fan-out plans, and one kept under another inventory version is not read.
//
// Runs once, not per queue backend: what it tests is which targeting the fan-out plans over, not
// how a queue carries jobs.

describe('the targeting a draft computed, read again at release', () => {
  const team = useTeamPlatform('IT-R19');

  // A polygon no other spec drafts: a square of about 2 km near Catania, shifted by a random offset.
  const incident = () => {
    const [lon, lat] = [15.02 + Math.random() * 0.05, 37.45 + Math.random() * 0.05];
    const ring = [[lon, lat], [lon + 0.02, lat], [lon + 0.02, lat + 0.02], [lon, lat + 0.02], [lon, lat]];
    return {
      hazard: 'earthquake',
      areas: [{ type: 'polygon', coordinates: ring, description: 'near Catania' }],
      severity: 'Severe',
      urgency: 'Immediate',
      certainty: 'Observed',
      status: 'Exercise',
      languages: [{ language: 'it-IT', text: 'ESERCITAZIONE: terremoto vicino a Catania.' }],
      expires: new Date(Date.now() + 3600_000).toISOString(),
    };
  };

  const draft = async () => {
    const r = await fetch(`${team.platform.baseUrl}/api/v1/incidents`, { method: 'POST', headers: { 'content-type': 'application/json', ...team.operator.headers }, body: JSON.stringify(incident()) });
    const body = (await r.json()) as any;
    expect(r.status).toBe(201);
    const { rows: [row] } = await team.db.query(`SELECT areas, targeting FROM alerts WHERE id = $1`, [body.alertId]);
    return { alertId: body.alertId as string, key: areasKey(row.areas.map((a: any) => a.spec)), targeting: row.targeting };
  };

  const inventoryVersion = async () => (await team.db.query(`SELECT version FROM cell_inventory WHERE id = 1`)).rows[0].version as string;

  const releaseAndWait = async (alertId: string) => {
    const r = await fetch(`${team.platform.baseUrl}/api/v1/alerts/${alertId}/release`, { method: 'POST', headers: team.approver.headers });
    expect(r.status).toBe(200);
    await waitUntil(`alert ${alertId} active`, async () => (await team.db.query(`SELECT state FROM alerts WHERE id = $1`, [alertId])).rows[0]?.state === 'active', 120_000, team.platform.logs);
    const { rows } = await team.db.query(`SELECT route_id, count(*)::int AS cells FROM deliveries WHERE alert_id = $1 GROUP BY route_id ORDER BY route_id`, [alertId]);
    return Object.fromEntries(rows.map((r) => [r.route_id, r.cells]));
  };

  it('keeps the cells of a draft under its areas and the inventory version, as the draft counted them', async () => {
    const { key, targeting } = await draft();
    const { rows } = await team.db.query(`SELECT inventory_version, result FROM targeting_results WHERE areas_key = $1`, [key]);
    expect(rows.map((r) => r.inventory_version)).toEqual([await inventoryVersion()]);
    const kept = rows[0].result;
    const routes = Object.fromEntries(Object.entries(kept.byRoute).map(([id, r]: [string, any]) => [id, r.cellIds.length]));
    expect(routes).toEqual(Object.fromEntries(Object.entries(targeting.routes).map(([id, r]: [string, any]) => [id, r.cells])));
    expect(kept.counts).toEqual(targeting.counts);
    expect(Object.keys(routes).length).toBeGreaterThan(1);
    // Kept out of line and uncompressed (migration 1765780000000): a national area's 3.6 MB are
    // written before the draft answers, and read back at release.
    const { rows: [column] } = await team.db.query(`SELECT attstorage FROM pg_attribute WHERE attrelid = 'targeting_results'::regclass AND attname = 'result'`);
    expect(column.attstorage).toBe('e');
  });

  it('plans the release over the kept cells, not over a new targeting', async () => {
    const { alertId, key } = await draft();
    // Keep only the first route: if the fan-out targeted again it would plan every route.
    const { rows: [row] } = await team.db.query(`SELECT result FROM targeting_results WHERE areas_key = $1`, [key]);
    const [kept, ...dropped] = Object.keys(row.result.byRoute).sort();
    expect(dropped.length).toBeGreaterThan(0);
    const changed = { ...row.result, byRoute: { [kept]: row.result.byRoute[kept] } };
    await team.db.query(`UPDATE targeting_results SET result = $2::json WHERE areas_key = $1`, [key, JSON.stringify(changed)]);
    expect(await releaseAndWait(alertId)).toEqual({ [kept]: row.result.byRoute[kept].cellIds.length });
  });

  it('targets again when what is kept was of another inventory version', async () => {
    const { alertId, key, targeting } = await draft();
    const { rows: [row] } = await team.db.query(`SELECT result FROM targeting_results WHERE areas_key = $1`, [key]);
    const [kept] = Object.keys(row.result.byRoute).sort();
    const changed = { ...row.result, byRoute: { [kept]: row.result.byRoute[kept] } };
    await team.db.query(`UPDATE targeting_results SET result = $2::json, inventory_version = 'an-older-inventory' WHERE areas_key = $1`, [key, JSON.stringify(changed)]);
    expect(await releaseAndWait(alertId)).toEqual(Object.fromEntries(Object.entries(targeting.routes).map(([id, r]: [string, any]) => [id, r.cells])));
  });
});
