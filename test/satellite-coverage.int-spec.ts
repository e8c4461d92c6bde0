import { resolve } from 'node:path';
import { skyFromSettings } from '@faro/constellation';
import { satelliteCellCentre } from '@faro/inventory';
import { grantToken } from './principals';
import { waitUntil } from './platform';
import { releasedAlert } from './released-alert';
import { useTeamPlatform } from './team-platform';

jest.setTimeout(300_000);

// Issue 14: the satellite channel wired in. At release the worker plans the broadcast over the
// alert's satellite cells (libs/constellation BroadcastScheduler, on the snapshot sky since the
// element sets are of May 2026); GET /api/v1/alerts/{id}/coverage joins that plan with what the
// uplink recorded transmitting. Compared here with SQL and with libs/constellation's own plan
// for the same cells and window, made in this process with the platform's default settings.
const ROOT = resolve(__dirname, '..');
const DEFAULT_SKY = { dataDir: resolve(ROOT, 'data'), elementSets: 'satellites/starlink_dtc.tle', cellElevationMaskDeg: 25, beamCapacity: 48, epochMaxAgeDays: 7 };

const incident = (expiresInMs: number) => ({
  hazard: 'earthquake',
  areas: [{ type: 'geocode', scheme: 'ISTAT_MUNICIPALITY', code: '087015', description: 'Catania' }],
  severity: 'Severe',
  urgency: 'Immediate',
  certainty: 'Observed',
  status: 'Exercise',
  languages: [{ language: 'it-IT', text: 'ESERCITAZIONE: forte terremoto a Catania.' }],
  expires: new Date(Date.now() + expiresInMs).toISOString(),
});

describe('an alert’s satellite coverage: plan at release, transmissions, unserved cells', () => {
  const team = useTeamPlatform('IT-R19');
  let alertId: string;

  const get = async (path: string, headers: Record<string, string> = team.operator.headers) => {
    const r = await fetch(`${team.platform.baseUrl}${path}`, { headers });
    return { status: r.status, type: r.headers.get('content-type'), body: (await r.json()) as any };
  };

  const allPages = async (limit: number) => {
    const items: any[] = [];
    let after: string | null = null;
    let first: any;
    for (let pages = 0; pages < 1000; pages++) {
      const page = await get(`/api/v1/alerts/${alertId}/coverage?limit=${limit}${after ? `&after=${encodeURIComponent(after)}` : ''}`);
      expect(page.status).toBe(200);
      first ??= page.body;
      items.push(...page.body.items);
      expect(page.body.items.length).toBeLessThanOrEqual(limit);
      after = page.body.next;
      if (!after) break;
    }
    return { plan: first.plan, items };
  };

  beforeAll(async () => {
    alertId = await releasedAlert({ baseUrl: team.platform.baseUrl, db: team.db, logs: team.platform.logs }, incident(20 * 60_000), team);
    await waitUntil(`satellite plan of ${alertId}`, async () => (await team.db.query(`SELECT 1 FROM satellite_plans WHERE alert_id = $1`, [alertId])).rowCount === 1, 60_000, team.platform.logs);
  });

  it('shows the new-alert preview the satellite cells and those no satellite serves before expiry, counted by reason', async () => {
    const r = await fetch(`${team.platform.baseUrl}/api/v1/drafts/preview`, { method: 'POST', headers: { 'content-type': 'application/json', ...team.operator.headers }, body: JSON.stringify(incident(3600_000)) });
    const body = (await r.json()) as any;
    expect(r.status).toBe(200);
    expect(body.satellite.satelliteCells).toBe(body.targeting.counts.satellite);
    expect(body.satellite.satelliteCells).toBeGreaterThan(0);
    expect(body.satellite.source).toBe('assessed');
    expect(Object.values(body.satellite.byReason).reduce((a: number, b) => a + (b as number), 0)).toBe(body.satellite.unservedCount);
  });

  it('stores the plan made from the release to the expiry, on the snapshot sky, and the alert view reports it', async () => {
    const { rows: [plan] } = await team.db.query(`SELECT p.*, a.released_at, a.expires_at FROM satellite_plans p JOIN alerts a ON a.id = p.alert_id WHERE p.alert_id = $1`, [alertId]);
    expect(new Date(plan.starts_at)).toEqual(new Date(plan.released_at));
    expect(new Date(plan.deadline)).toEqual(new Date(plan.expires_at));
    expect(plan.repetition_seconds).toBe(60);
    // December is months past the element sets' epochs: the plan says which sky it was made on.
    const skyAt = new Date(new Date(plan.starts_at).getTime() + Number(plan.sky_offset_ms));
    expect(skyAt.toISOString().slice(0, 10)).toBe('2026-05-30');
    const view = await get(`/api/v1/alerts/${alertId}`);
    expect(view.body.satellite).toMatchObject({ source: 'planned', satelliteCells: plan.cell_count, unservedCount: plan.unserved_count });
    expect((await get(`/api/v1/alerts/${alertId}/satellite-reach`)).body).toEqual(view.body.satellite);
  });

  it('lists every targeted cell once across pages, with the plan, the transmissions and the verdict the database holds', async () => {
    const { plan, items } = await allPages(7);
    const ids = items.map((i) => i.cellId);
    expect(ids).toEqual([...ids].sort());
    const { rows: cells } = await team.db.query(`SELECT DISTINCT d.cell_id, c.kind FROM deliveries d JOIN cells c ON c.id = d.cell_id WHERE d.alert_id = $1 ORDER BY d.cell_id`, [alertId]);
    expect(items.map((i) => [i.cellId, i.kind])).toEqual(cells.map((c) => [c.cell_id, c.kind]));
    expect(items.some((i) => i.kind === 'terrestrial')).toBe(true);

    const { rows: stretches } = await team.db.query(`SELECT cell_id, kind, satellite_id, gateway_id, missed_reason, from_at, until_at, repetitions FROM satellite_plan_cells WHERE alert_id = $1 ORDER BY cell_id, seq`, [alertId]);
    const { rows: sent } = await team.db.query(
      `SELECT cell, gateway_id, transmitted_at, satellites ->> cell AS satellite_id, satellites ? cell AS named FROM gateway_transmissions, unnest(cell_ids) AS cell WHERE alert_id = $1 ORDER BY transmitted_at`,
      [alertId],
    );
    // The simulated satellite gateways name the satellite of every satellite cell they transmit.
    expect(sent.filter((s) => s.cell.startsWith('S-') && !s.named)).toEqual([]);
    const { rows: unserved } = await team.db.query(`SELECT cell_id, reason FROM satellite_plan_unserved WHERE alert_id = $1`, [alertId]);
    for (const item of items) {
      const mine = stretches.filter((s) => s.cell_id === item.cellId);
      expect(item.planned).toEqual(mine.filter((s) => s.kind === 'route').map((s) => ({ satelliteId: s.satellite_id, gatewayId: s.gateway_id, from: new Date(s.from_at).toISOString(), until: new Date(s.until_at).toISOString(), repetitions: s.repetitions })));
      expect(item.missed.map((m: any) => m.reason)).toEqual(mine.filter((s) => s.kind === 'missed').map((s) => s.missed_reason));
      expect(item.transmitted).toEqual(
        sent.filter((s) => s.cell === item.cellId).map((s) => ({ gatewayId: s.gateway_id, at: new Date(s.transmitted_at).toISOString(), ...(s.named ? { satelliteId: s.satellite_id } : {}) })),
      );
      // The alert is active: every cell went on air; a satellite cell is unserved only by the plan's verdict.
      expect(item.served).toBe(true);
      const verdict = unserved.find((u) => u.cell_id === item.cellId);
      expect(item.unserved).toEqual(verdict ? { reason: verdict.reason, detail: null } : null);
      if (item.kind === 'terrestrial') expect(item.planned).toEqual([]);
    }
    expect(plan.cells).toBe(items.filter((i) => i.kind === 'satellite').length);
  });

  it('agrees with libs/constellation’s own plan for the same cells and window: satellites, gateways, hand-overs and unserved cells', async () => {
    const { plan, items } = await allPages(1000);
    const satelliteCells = items.filter((i) => i.kind === 'satellite').map((i) => ({ id: i.cellId, ...satelliteCellCentre(i.cellId)! }));
    const own = await skyFromSettings(DEFAULT_SKY).plan(satelliteCells, { start: new Date(plan.start), end: new Date(plan.end), deadline: new Date(plan.deadline), repetitionSeconds: plan.repetitionSeconds });
    expect(own.skyOffsetMs).toBe(plan.skyOffsetMs);
    for (const cell of satelliteCells) {
      const item = items.find((i) => i.cellId === cell.id);
      const ownRoutes = own.stretches.filter((s) => s.cellId === cell.id && s.kind === 'route').map((s: any) => ({ satelliteId: s.satelliteId, gatewayId: s.gatewayId, from: s.from.toISOString(), until: s.until.toISOString(), repetitions: s.repetitions }));
      expect(item.planned).toEqual(ownRoutes);
    }
    expect(items.filter((i) => i.unserved).map((i) => [i.cellId, i.unserved.reason]).sort()).toEqual(own.unserved.map((u) => [u.cellId, u.reason]).sort());
    // 20 minutes of a satellite at ≈360 km over Catania: at least one hand-over somewhere.
    expect(items.some((i) => i.planned.length > 1)).toBe(true);
  });

  it('answers another territory’s user 404, a token without the read scope 403, no token 401, and bad paging 400 as problem+json', async () => {
    const lombardy = await grantToken(team.platform.databaseUrl, ['operator'], 'IT-R03');
    const hidden = await get(`/api/v1/alerts/${alertId}/coverage`, lombardy.headers);
    expect([hidden.status, hidden.body.code]).toEqual([404, 'alert/not-found']);
    expect((await get(`/api/v1/alerts/${alertId}/timeline`, lombardy.headers)).status).toBe(404);
    expect((await get(`/api/v1/alerts/${alertId}/satellite-reach`, lombardy.headers)).status).toBe(404);

    const writer = await grantToken(team.platform.databaseUrl, ['operator'], 'IT-R19');
    await team.db.query(`UPDATE api_tokens SET scopes = '{write}' WHERE id = $1`, [writer.tokenId]);
    for (const path of ['coverage', 'satellite-reach']) {
      const scoped = await get(`/api/v1/alerts/${alertId}/${path}`, writer.headers);
      expect(scoped.status).toBe(403);
      expect(scoped.type).toContain('application/problem+json');
    }

    expect((await get(`/api/v1/alerts/${alertId}/coverage`, {})).status).toBe(401);
    for (const query of ['limit=0', 'limit=5001', 'page=2']) {
      const bad = await get(`/api/v1/alerts/${alertId}/coverage?${query}`);
      expect([bad.status, bad.body.code]).toEqual([400, 'http/invalid-query']);
      expect(bad.type).toContain('application/problem+json');
    }
  });
});
