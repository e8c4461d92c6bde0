import { Client } from 'pg';
import { startPlatform, waitUntil, type Platform } from '../platform';
import { expectExactlyOnce, releaseProvincialAlert, SLOW } from './provincial-alert';

jest.setTimeout(600_000);

// kill -9 of the worker at three points of a provincial fan-out, then a new worker: every targeted
// cell is transmitted exactly once per message, counted from the gateways' own append-only record
// (gateway_transmissions), and the alert completes from what PostgreSQL holds (issue 9).
describe('chaos: the worker killed mid-fan-out', () => {
  let platform: Platform;
  let db: Client;
  const settings = SLOW;

  beforeAll(async () => {
    platform = await startPlatform(settings);
    db = new Client({ connectionString: platform.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await platform?.stop();
  });

  const release = (text: string) => releaseProvincialAlert(platform, platform.databaseUrl, text);
  const readyLines = () => platform.logs().split('\n').filter((l) => l.includes('faro-worker ready')).length;
  const killAndRestartWorker = async () => {
    const before = readyLines();
    process.kill(platform.pids.worker, 'SIGKILL');
    await platform.startWorker(settings);
    await waitUntil('the new worker ready', async () => readyLines() > before, 60_000, platform.logs);
  };
  const exactlyOnce = (id: string) => expectExactlyOnce(db, id, platform.logs);

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
