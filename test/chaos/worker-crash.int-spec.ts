import { Client } from 'pg';
import { callApi } from '../auth-client';
import { cataniaFlood } from '../fixtures/catania-flood';
import { startPlatform, waitUntil, type Platform } from '../platform';
import { grantToken, type TestUser } from '../principals';

jest.setTimeout(600_000);

// kill -9 of the worker at three points of a provincial fan-out, then a new worker: every targeted
// cell is transmitted exactly once per message, counted from the gateways' own append-only record
// (gateway_transmissions), and the alert completes from what PostgreSQL holds (issue 9).
describe('chaos: the worker killed mid-fan-out', () => {
  let platform: Platform;
  let db: Client;
  let operator: TestUser;
  let approver: TestUser;
  // Slow gateways and small batches, so that there is a "during" to kill in.
  const settings = { FANOUT_BATCH_SIZE: '150', UPLINK_SIM_CAPACITY_FACTOR: '0.1', UPLINK_SIM_FAILURE_RATE: '0', WORKER_CONCURRENCY: '4', OUTBOX_STALE_MS: '2000' };

  beforeAll(async () => {
    platform = await startPlatform(settings);
    db = new Client({ connectionString: platform.databaseUrl });
    await db.connect();
    operator = await grantToken(platform.databaseUrl, ['operator'], 'IT-R19');
    approver = await grantToken(platform.databaseUrl, ['approver'], 'IT-R19');
  });

  afterAll(async () => {
    await db?.end();
    await platform?.stop();
  });

  const release = async (text: string) => {
    const created = await callApi(platform.baseUrl, 'POST', '/api/v1/incidents', {
      headers: operator.headers,
      body: cataniaFlood({ areas: [{ type: 'geocode', scheme: 'ISTAT_PROVINCE', code: '087', description: 'Provincia di Catania' }], languages: [{ language: 'it-IT', text }] }),
    });
    expect(created.status).toBe(201);
    const id = created.body.alertId as string;
    expect((await callApi(platform.baseUrl, 'POST', `/api/v1/alerts/${id}/release`, { headers: approver.headers })).status).toBe(200);
    return id;
  };
  const readyLines = () => platform.logs().split('\n').filter((l) => l.includes('faro-worker ready')).length;
  const killAndRestartWorker = async () => {
    const before = readyLines();
    process.kill(platform.pids.worker, 'SIGKILL');
    await platform.startWorker(settings);
    await waitUntil('the new worker ready', async () => readyLines() > before, 60_000, platform.logs);
  };
  const state = async (id: string) => (await db.query(`SELECT state FROM alerts WHERE id = $1`, [id])).rows[0]?.state as string;
  const exactlyOnce = async (id: string) => {
    await waitUntil(`alert ${id} active`, async () => (await state(id)) === 'active', 240_000, platform.logs);
    const { rows: perCell } = await db.query(
      `SELECT cell, message_identifier, count(*)::int AS n FROM gateway_transmissions, unnest(cell_ids) AS cell WHERE alert_id = $1 GROUP BY cell, message_identifier`,
      [id],
    );
    const { rows: [{ n: targeted }] } = await db.query(`SELECT count(*)::int AS n FROM deliveries WHERE alert_id = $1`, [id]);
    const { rows: [{ n: onAir }] } = await db.query(`SELECT count(*)::int AS n FROM deliveries WHERE alert_id = $1 AND status = 'broadcasting'`, [id]);
    expect(targeted).toBeGreaterThan(150);
    expect(onAir).toBe(targeted);
    expect(perCell.filter((c) => c.n > 1)).toEqual([]);
    expect(perCell.length).toBe(targeted);
  };

  it('completes exactly once when the worker dies while planning the fan-out', async () => {
    const id = await release('Esercitazione: caduta del worker durante la pianificazione.');
    await waitUntil('fan-out dispatched', async () => (await db.query(`SELECT dispatched_at FROM outbox WHERE alert_id = $1`, [id])).rows[0]?.dispatched_at, 30_000, platform.logs);
    await killAndRestartWorker();
    await exactlyOnce(id);
  });

  it('completes exactly once when the worker dies right after a gateway submission', async () => {
    const id = await release('Esercitazione: caduta del worker dopo un invio.');
    await waitUntil('a first transmission', async () => (await db.query(`SELECT 1 FROM gateway_transmissions WHERE alert_id = $1 LIMIT 1`, [id])).rows.length > 0, 60_000, platform.logs);
    await killAndRestartWorker();
    await exactlyOnce(id);
  });

  it('completes exactly once when the worker dies between batches', async () => {
    const id = await release('Esercitazione: caduta del worker tra due lotti.');
    await waitUntil('three batches done', async () => (await db.query(`SELECT count(*)::int AS n FROM fanout_batches WHERE alert_id = $1 AND status = 'done'`, [id])).rows[0].n >= 3, 60_000, platform.logs);
    await killAndRestartWorker();
    await exactlyOnce(id);
  });
});
