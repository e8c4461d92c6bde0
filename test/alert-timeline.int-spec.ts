import { releasedAlert } from './released-alert';
import { useTeamPlatform } from './team-platform';
import { grantToken } from './principals';
import { waitUntil } from './platform';

jest.setTimeout(240_000);

// The Alert detail's reads (GET /api/v1/alerts/{id}/timeline and /cells) against what the
// database holds, each figure recomputed here from another table than the one the API reads.
describe('an alert’s timeline and cell states', () => {
  const team = useTeamPlatform('IT-R19');
  let alertId: string;

  const get = async (path: string, headers = team.operator.headers) => {
    const r = await fetch(`${team.platform.baseUrl}${path}`, { headers });
    return { status: r.status, body: (await r.json()) as any };
  };

  // The k-th (message, cell) a gateway transmitted, from the simulated gateways' own memory of
  // every cell of every submission (gateway_transmissions), not from broadcasts' cell counts.
  const kthTransmittedAt = async (k: number): Promise<string | null> => {
    const { rows } = await team.db.query(
      `WITH firsts AS (
         SELECT split_part(submission_id, ':', 1) AS message_id, cell, min(transmitted_at) AS at
           FROM gateway_transmissions, unnest(cell_ids) AS cell WHERE alert_id = $1 GROUP BY 1, 2)
       SELECT at FROM firsts ORDER BY at OFFSET $2 LIMIT 1`,
      [alertId, k - 1],
    );
    return rows[0] ? new Date(rows[0].at).toISOString() : null;
  };

  beforeAll(async () => {
    alertId = await releasedAlert({ baseUrl: team.platform.baseUrl, db: team.db, logs: team.platform.logs }, {
      hazard: 'earthquake',
      areas: [{ type: 'geocode', scheme: 'ISTAT_MUNICIPALITY', code: '087015', description: 'Catania' }],
      severity: 'Severe',
      urgency: 'Immediate',
      certainty: 'Observed',
      status: 'Exercise',
      languages: [
        { language: 'it-IT', text: 'ESERCITAZIONE: forte terremoto a Catania.' },
        { language: 'en-GB', text: 'EXERCISE: strong earthquake in Catania.' },
      ],
      expires: new Date(Date.now() + 3600_000).toISOString(),
    }, team);
  });

  it('lists who drafted, submitted and approved the alert, when the fan-out released it and with which keys it was signed', async () => {
    const { status, body } = await get(`/api/v1/alerts/${alertId}/timeline`);
    expect(status).toBe(200);
    const step = (s: string) => body.entries.filter((e: any) => e.step === s);
    const audit = async (action: string) => (await team.db.query(`SELECT at, actor FROM audit_log WHERE subject_id = $1 AND action = $2 ORDER BY id`, [alertId, action])).rows;
    for (const [name, action] of [['drafted', 'alert.drafted'], ['submitted', 'alert.pending_approval'], ['approved', 'alert.approved'], ['released', 'alert.broadcasting'], ['active', 'alert.active']]) {
      const rows = await audit(action);
      expect(step(name).map((e: any) => [e.at, e.actor.ref])).toEqual(rows.map((r) => [new Date(r.at).toISOString(), r.actor]));
    }
    expect(step('drafted')[0].actor.ref).toBe(`user:${team.operator.id}`);
    expect(step('approved')[0].actor.ref).toBe(`user:${team.approver.id}`);
    const { rows: keys } = await team.db.query(`SELECT DISTINCT key_id FROM messages WHERE alert_id = $1 ORDER BY key_id`, [alertId]);
    expect(step('signed')).toHaveLength(1);
    expect(step('signed')[0].keyIds).toEqual(keys.map((k) => Number(k.key_id).toString(16).padStart(8, '0')));
    // In the order they happened.
    const at = body.entries.map((e: any) => e.at);
    expect([...at].sort()).toEqual(at);
  });

  it('puts the first cell on air and 50, 95 and 100 % delivered when the gateways transmitted them', async () => {
    const { body } = await get(`/api/v1/alerts/${alertId}/timeline`);
    const { rows: [{ total }] } = await team.db.query(`SELECT count(*)::int AS total FROM deliveries WHERE alert_id = $1`, [alertId]);
    expect(total).toBeGreaterThan(0);
    expect(body.deliveries).toEqual({ total, transmitted: total });
    expect(body.entries.find((e: any) => e.step === 'first-on-air').at).toBe(await kthTransmittedAt(1));
    const delivered = body.entries.filter((e: any) => e.step === 'delivered');
    const expected = [];
    for (const percent of [50, 95, 100]) expected.push({ step: 'delivered', percent, deliveries: Math.ceil((total * percent) / 100), at: await kthTransmittedAt(Math.ceil((total * percent) / 100)), actor: null });
    expect(delivered).toEqual(expected);
  });

  it('gives every targeted cell once, at its site, on air', async () => {
    const { status, body } = await get(`/api/v1/alerts/${alertId}/cells`);
    expect(status).toBe(200);
    const { rows } = await team.db.query(
      `SELECT c.id, round(c.site_lon * 10000)::int AS lon, round(c.site_lat * 10000)::int AS lat, round(c.radius_m)::int AS radius
         FROM cells c WHERE c.id IN (SELECT cell_id FROM deliveries WHERE alert_id = $1) ORDER BY c.id`,
      [alertId],
    );
    expect(body.count).toBe(rows.length);
    // The columns are parallel: cell i is (lon[i], lat[i], radiusM[i]).
    const cell = (lon: number, lat: number, radius: number) => `${lon},${lat},${radius}`;
    const answered = body.lon.map((lon: number, i: number) => cell(lon, body.lat[i], body.radiusM[i])).sort();
    expect(answered).toEqual(rows.map((r) => cell(r.lon, r.lat, r.radius)).sort());
    expect(new Set(body.state.map((s: number) => body.states[s]))).toEqual(new Set(['on-air']));
  });

  it('keeps the delivery milestones once a Cancel has killed the cells, which the map then shows killed', async () => {
    const before = (await get(`/api/v1/alerts/${alertId}/timeline`)).body.entries.filter((e: any) => e.step === 'delivered');
    const cancel = await fetch(`${team.platform.baseUrl}/api/v1/alerts/${alertId}/cancel`, { method: 'POST', headers: team.operator.headers });
    const cancelId = ((await cancel.json()) as any).id;
    expect((await fetch(`${team.platform.baseUrl}/api/v1/alerts/${cancelId}/release`, { method: 'POST', headers: team.approver.headers })).status).toBe(200);
    await waitUntil('the alert cancelled', async () => (await team.db.query(`SELECT state FROM alerts WHERE id = $1`, [alertId])).rows[0].state === 'cancelled', 60_000, team.platform.logs);
    const after = (await get(`/api/v1/alerts/${alertId}/timeline`)).body;
    expect(after.entries.filter((e: any) => e.step === 'delivered')).toEqual(before);
    expect(after.entries.map((e: any) => e.step)).toEqual(expect.arrayContaining(['cancelling', 'cancelled']));
    const cells = (await get(`/api/v1/alerts/${alertId}/cells`)).body;
    expect(new Set(cells.state.map((s: number) => cells.states[s]))).toEqual(new Set(['killed']));
  });

  it('does not acknowledge another territory’s alert', async () => {
    const lombardy = await grantToken(team.platform.databaseUrl, ['operator'], 'IT-R03');
    for (const path of ['timeline', 'cells']) {
      const r = await get(`/api/v1/alerts/${alertId}/${path}`, lombardy.headers);
      expect([r.status, r.body.code]).toEqual([404, 'alert/not-found']);
    }
  });
});
