import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { DeliverBatch } from '@faro/alerts';
import { createDataSource, SqlAlertStore, SqlFanoutStore, SqlGatewaySealer, SqlTransmissionLog } from '@faro/persistence';
import { ClaimLostError, type UplinkPort } from '@faro/uplink';
import { startPlatform, waitUntil, type Platform } from './platform';
import { grantToken } from './principals';
import { sharedPlatform } from './shared-platform';

jest.setTimeout(240_000);

const incident = (text: string) => ({
  hazard: 'flood',
  areas: [{ type: 'circle', center: [15.087, 37.502], radiusKm: 2 }],
  severity: 'Severe',
  urgency: 'Immediate',
  certainty: 'Observed',
  status: 'Exercise',
  languages: [{ language: 'it-IT', text }],
  expires: new Date(Date.now() + 3600_000).toISOString(),
});

async function createAndRelease(p: Platform, text: string): Promise<string> {
  const operator = await grantToken(p.databaseUrl, ['operator']);
  const approver = await grantToken(p.databaseUrl, ['approver']);
  const r = await fetch(`${p.baseUrl}/api/v1/incidents`, { method: 'POST', headers: { 'content-type': 'application/json', ...operator.headers }, body: JSON.stringify(incident(text)) });
  expect(r.status).toBe(201);
  const { alertId } = (await r.json()) as any;
  const rel = await fetch(`${p.baseUrl}/api/v1/alerts/${alertId}/release`, { method: 'POST', headers: approver.headers });
  expect(rel.status).toBe(200);
  return alertId;
}

// Alert state straight from PostgreSQL, as an auditor would read it, plus the API's view of delivery.
const alertView = async (p: Platform, id: string) => {
  const auditor = viewers.get(p) ?? (await grantToken(p.databaseUrl, ['auditor']));
  viewers.set(p, auditor);
  return (await (await fetch(`${p.baseUrl}/api/v1/alerts/${id}`, { headers: auditor.headers })).json()) as any;
};
const viewers = new Map<Platform, { headers: Record<string, string> }>();

// A released alert, active, with one batch (of at least `minCells` cells) as if its job had never
// run: no rows, unclaimed, updated now so that the platform's relay does not queue it again within
// the spec; with `onAir`, the alert is back to broadcasting, as while its fan-out goes on.
async function batchNeverRun(p: Platform, db: Client, text: string, opts: { onAir: boolean; minCells?: number }) {
  const id = await createAndRelease(p, text);
  await waitUntil('alert active', async () => (await alertView(p, id)).state === 'active', 60_000, p.logs);
  const { rows: [b] } = await db.query(
    `SELECT route_id, batch, gateway_id, cell_count FROM fanout_batches WHERE alert_id = $1 AND cell_ids IS NOT NULL AND cell_count >= $2 ORDER BY route_id, batch LIMIT 1`,
    [id, opts.minCells ?? 1],
  );
  await db.query(`DELETE FROM deliveries WHERE alert_id = $1 AND route_id = $2 AND batch = $3`, [id, b.route_id, b.batch]);
  await db.query(`UPDATE fanout_batches SET status = 'pending', claimed_at = NULL, claim_token = NULL, claim_until = NULL, updated_at = now() WHERE alert_id = $1 AND route_id = $2 AND batch = $3`, [id, b.route_id, b.batch]);
  if (opts.onAir) await db.query(`UPDATE alerts SET state = 'broadcasting' WHERE id = $1`, [id]);
  const ref = { alertId: id, routeId: b.route_id as string, batch: b.batch as number, kind: 'broadcast' as const, gatewayId: b.gateway_id as string };
  return { id, b, ref };
}

// The same on the shared platform, with a connection `db` and, for `work`, `pool` data sources of
// their own (one per worker a spec plays); the alert is left active again for the specs after.
async function onBatchNeverRun(
  text: string,
  opts: { onAir: boolean; minCells?: number; pool: number },
  work: (on: Awaited<ReturnType<typeof batchNeverRun>> & { db: Client; workers: DataSource[] }) => Promise<void>,
): Promise<void> {
  const p = await sharedPlatform();
  const db = new Client({ connectionString: p.databaseUrl });
  await db.connect();
  const workers = await Promise.all(Array.from({ length: opts.pool }, () => createDataSource(p.databaseUrl, { poolSize: 2, applicationName: 'faro-lease-spec' }).initialize()));
  let id: string | undefined;
  try {
    const unrun = await batchNeverRun(p, db, text, opts);
    id = unrun.id;
    await work({ ...unrun, db, workers });
  } finally {
    if (id) await db.query(`UPDATE alerts SET state = 'active' WHERE id = $1`, [id]);
    await Promise.all(workers.map((ds) => ds.destroy()));
    await db.end();
    await p.stop();
  }
}

describe('fan-out survives a lost queue and failing gateways', () => {
  // The first two cases share a platform with a short OUTBOX_STALE_MS, started without a worker:
  // the first releases into PostgreSQL alone and then starts the worker the second one kills.
  let p: Platform;
  let db: Client;
  const STALE = { OUTBOX_STALE_MS: '1500' };
  beforeAll(async () => {
    p = await startPlatform(STALE, { worker: false });
    db = new Client({ connectionString: p.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await p?.stop();
  });

  it('re-creates work from the outbox when the queue lost a dispatched job', async () => {
    {
      const id = await createAndRelease(p, 'Esercitazione: piena del fiume, allontanarsi dagli argini.');
      // Released with no worker: the intent is in PostgreSQL only.
      const { rows: before } = await db.query(`SELECT id, dispatched_at, completed_at FROM outbox WHERE alert_id = $1`, [id]);
      expect(before).toHaveLength(1);
      expect(before[0].completed_at).toBeNull();
      // As if a relay had put it on a queue that then lost it (a Redis failover, say).
      await db.query(`UPDATE outbox SET dispatched_at = now() - interval '1 hour', dispatch_count = 1 WHERE alert_id = $1`, [id]);
      await p.startWorker(STALE);
      const active = await waitUntil('alert active', async () => {
        const a = await alertView(p, id);
        return a.state === 'active' ? a : undefined;
      }, 60_000, p.logs);
      expect(active.delivery.byStatus.broadcasting).toBe(active.targeting.counts.total);
      const { rows: after } = await db.query(`SELECT dispatch_count, completed_at FROM outbox WHERE alert_id = $1`, [id]);
      // Re-dispatched at least once more; a slow fan-out may be re-dispatched again, harmlessly (job ids dedupe).
      expect(after[0].dispatch_count).toBeGreaterThanOrEqual(2);
      expect(after[0].completed_at).not.toBeNull();
    }
  });

  it('re-runs a batch whose receipts a killed worker never wrote, and the gateway transmits no cell twice', async () => {
    // Run alone (jest -t), the case above has not started the worker.
    if (p.pids.worker === 0) await p.startWorker(STALE);
    {
      const id = await createAndRelease(p, 'Esercitazione: seconda prova di recupero.');
      await waitUntil('alert active', async () => (await alertView(p, id)).state === 'active', 60_000, p.logs);
      // The worker dies (kill -9) right after a gateway took a batch and before its receipts were
      // written: the batch is pending again, its cells queued, and the new worker process has an
      // empty memory. Only the gateway's own durable memory can keep it from going out twice.
      process.kill(p.pids.worker, 'SIGKILL');
      const { rows: [b] } = await db.query(`SELECT route_id, batch FROM fanout_batches WHERE alert_id = $1 ORDER BY route_id LIMIT 1`, [id]);
      await db.query(`UPDATE alerts SET state = 'broadcasting' WHERE id = $1`, [id]);
      await db.query(`UPDATE fanout_batches SET status = 'pending', updated_at = now() - interval '1 hour' WHERE alert_id = $1 AND route_id = $2 AND batch = $3`, [id, b.route_id, b.batch]);
      await db.query(`UPDATE deliveries SET status = 'queued' WHERE alert_id = $1 AND route_id = $2 AND batch = $3`, [id, b.route_id, b.batch]);
      await p.startWorker(STALE);
      await waitUntil('batch re-delivered', async () => {
        const { rows } = await db.query(`SELECT status FROM fanout_batches WHERE alert_id = $1 AND route_id = $2 AND batch = $3`, [id, b.route_id, b.batch]);
        return rows[0].status === 'done';
      }, 60_000, p.logs);
      const { rows: [{ n: queued }] } = await db.query(`SELECT count(*)::int AS n FROM deliveries WHERE alert_id = $1 AND status = 'queued'`, [id]);
      expect(queued).toBe(0);
      // Counted from the gateway's append-only record of what it put on air: every targeted cell
      // once per message, none twice.
      const { rows: perCell } = await db.query(
        `SELECT cell, message_identifier, count(*)::int AS n FROM gateway_transmissions, unnest(cell_ids) AS cell WHERE alert_id = $1 GROUP BY cell, message_identifier`,
        [id],
      );
      const { rows: [{ n: delivered }] } = await db.query(`SELECT count(*)::int AS n FROM deliveries WHERE alert_id = $1 AND status = 'broadcasting'`, [id]);
      expect(perCell.length).toBe(delivered);
      expect(perCell.filter((c) => c.n > 1)).toEqual([]);
    }
  });

  it('writes the cells of a batch whose job was lost before its claim as not transmitted, when its alert has expired meanwhile', async () => {
    if (p.pids.worker === 0) await p.startWorker(STALE);
    const id = await createAndRelease(p, 'Esercitazione: prova di scadenza.');
    await waitUntil('alert active', async () => (await alertView(p, id)).state === 'active', 60_000, p.logs);
    // As if one batch's job had been lost before any claim (its claim writes its rows: there are
    // none yet), and the alert had expired since.
    const { rows: [b] } = await db.query(`SELECT route_id, batch, cell_count FROM fanout_batches WHERE alert_id = $1 AND cell_ids IS NOT NULL ORDER BY route_id, batch LIMIT 1`, [id]);
    await db.query(`DELETE FROM deliveries WHERE alert_id = $1 AND route_id = $2 AND batch = $3`, [id, b.route_id, b.batch]);
    await db.query(`UPDATE fanout_batches SET status = 'pending', claimed_at = NULL, updated_at = now() - interval '1 hour' WHERE alert_id = $1 AND route_id = $2 AND batch = $3`, [id, b.route_id, b.batch]);
    await db.query(`UPDATE alerts SET state = 'expired', expires_at = now() WHERE id = $1`, [id]);
    const { rows: [after] } = await waitUntil('the batch dropped by its job', async () => {
      const r = await db.query(`SELECT status, claimed_at FROM fanout_batches WHERE alert_id = $1 AND route_id = $2 AND batch = $3`, [id, b.route_id, b.batch]);
      return r.rows[0].status === 'failed' ? r : undefined;
    }, 30_000, p.logs);
    expect(after.claimed_at).not.toBeNull();
    const { rows } = await db.query(`SELECT status, reason, count(*)::int AS n FROM deliveries WHERE alert_id = $1 AND route_id = $2 AND batch = $3 GROUP BY 1, 2`, [id, b.route_id, b.batch]);
    expect(rows).toEqual([{ status: 'killed', reason: 'expired before transmission', n: b.cell_count }]);
  });

  it('leaves the cells of a batch that exhausted its retries failed, and shows them', async () => {
    const p = await startPlatform({ UPLINK_SIM_FAILURE_RATE: '1', UPLINK_ATTEMPTS: '3', UPLINK_BACKOFF_MS: '20' });
    const db = new Client({ connectionString: p.databaseUrl });
    await db.connect();
    try {
      const id = await createAndRelease(p, 'Esercitazione: il gateway non risponde.');
      const a = await waitUntil('alert active', async () => {
        const v = await alertView(p, id);
        return v.state === 'active' ? v : undefined;
      }, 90_000, p.logs);
      expect(a.delivery.byStatus).toEqual({ failed: a.targeting.counts.total });
      expect(a.delivery.batches.failed).toBeGreaterThan(0);
      expect(a.delivery.failedBatches[0]).toMatchObject({ attempts: 3, error: expect.stringContaining('uplink/transient') });
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM broadcasts WHERE alert_id = $1`, [id]);
      expect(rows[0].n).toBe(0);
    } finally {
      await db.end();
      await p.stop();
    }
  });

  it('writes a claimed batch\'s rows once, when eight jobs claim it at once and one claims it again; one lease at a time', async () => {
    const p = await sharedPlatform();
    const db = new Client({ connectionString: p.databaseUrl });
    await db.connect();
    // Eight workers' connections, one each.
    const workers = await Promise.all(Array.from({ length: 8 }, () => createDataSource(p.databaseUrl, { poolSize: 1, applicationName: 'faro-claim-spec' }).initialize()));
    try {
      const { id, b, ref } = await batchNeverRun(p, db, 'Esercitazione: una sola scrittura per cella.', { onAir: false });
      const [store, ...others] = workers.map((ds) => new SqlFanoutStore(ds));
      // The eight claims start together behind a transaction holding the batch's row; released,
      // the first writes the rows with a plain INSERT, and the others, waiting on its row lock, see
      // it claimed. Without that lock they would read the batch as never claimed and a second
      // INSERT would break the primary key (23505).
      await db.query('BEGIN');
      await db.query(`SELECT 1 FROM fanout_batches WHERE alert_id = $1 AND route_id = $2 AND batch = $3 FOR UPDATE`, [id, b.route_id, b.batch]);
      const leases = workers.map(() => ({ token: randomUUID(), ms: 60_000 }));
      const claims = Promise.allSettled([store, ...others].map((s, i) => s.claimBatch(ref, leases[i])));
      await waitUntil('eight claims waiting', async () => {
        const { rows: [w] } = await db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'faro-claim-spec' AND wait_event_type = 'Lock'`);
        return w.n === 8;
      }, 10_000);
      await db.query('COMMIT');
      const settled = await claims;
      expect(settled.map((c) => c.status)).toEqual(Array(8).fill('fulfilled'));
      const answers = settled.map((c) => (c as PromiseFulfilledResult<Awaited<ReturnType<SqlFanoutStore['claimBatch']>>>).value);
      expect(answers.every((a) => a !== null && a.carrier === b.gateway_id && a.home === b.gateway_id)).toBe(true);
      // The one claim that wrote the rows answers their cells, the ones queuedCells would read; the others none.
      const wrote = answers.filter((a) => a !== null && a.written !== null);
      expect(wrote).toHaveLength(1);
      const [text] = (await store.messages(id)).filter((m) => m.kind === 'alert');
      expect([...wrote[0]!.written!].sort()).toEqual([...(await store.queuedCells(ref, text))].sort());
      expect(wrote[0]!.written).toHaveLength(b.cell_count);
      // That first claim took the batch's lease; the seven behind it found it held.
      expect(answers.map((a) => a!.heldElsewhere).sort()).toEqual([false, ...Array(7).fill(true)]);
      expect(wrote[0]!.heldElsewhere).toBe(false);
      const holder = leases[answers.findIndex((a) => a!.heldElsewhere === false)];
      expect(await store.claimBatch(ref, { token: randomUUID(), ms: 60_000 })).toEqual({ carrier: b.gateway_id, home: b.gateway_id, written: null, claimedBefore: true, heldElsewhere: true });
      const { rows } = await db.query(`SELECT status, count(*)::int AS n, count(DISTINCT cell_id)::int AS cells FROM deliveries WHERE alert_id = $1 AND route_id = $2 AND batch = $3 GROUP BY 1`, [id, b.route_id, b.batch]);
      expect(rows).toEqual([{ status: 'queued', n: b.cell_count, cells: b.cell_count }]);

      // The lease: renewed by its holder only, given up by it, and lapsing on its own.
      const lease = async () => (await db.query(`SELECT claim_token, claim_until FROM fanout_batches WHERE alert_id = $1 AND route_id = $2 AND batch = $3`, [id, b.route_id, b.batch])).rows[0];
      const held = await lease();
      expect(held.claim_token).toBe(holder.token);
      const intruder = { token: randomUUID(), ms: 600_000 };
      await store.renewClaim(ref, intruder);
      await store.releaseClaim(ref, intruder.token);
      expect(await lease()).toEqual(held);
      await store.renewClaim(ref, { ...holder, ms: 600_000 });
      expect((await lease()).claim_until.getTime()).toBeGreaterThan(held.claim_until.getTime() + 500_000);
      await store.releaseClaim(ref, holder.token);
      const short = { token: randomUUID(), ms: 300 };
      expect((await store.claimBatch(ref, short))?.heldElsewhere).toBe(false);
      expect((await lease()).claim_token).toBe(short.token);
      expect((await store.claimBatch(ref, intruder))?.heldElsewhere).toBe(true);
      await new Promise((r) => setTimeout(r, 400));
      expect((await store.claimBatch(ref, intruder))?.heldElsewhere).toBe(false);
      expect((await lease()).claim_token).toBe(intruder.token);
      await db.query(`UPDATE fanout_batches SET status = 'done' WHERE alert_id = $1 AND route_id = $2 AND batch = $3`, [id, b.route_id, b.batch]);
      expect(await store.claimBatch(ref, { token: randomUUID(), ms: 60_000 })).toBeNull();
    } finally {
      await Promise.all(workers.map((ds) => ds.destroy()));
      await db.end();
      await p.stop();
    }
  });

  it("leaves a Cancel's batch that another job is transmitting to that job: its cells end on air, for the kill, not dropped as never sent", async () => {
    // Two workers, each its own connection and store.
    await onBatchNeverRun('Esercitazione: un lotto in volo durante la revoca.', { onAir: true, pool: 2 }, async ({ id, b, ref, db, workers }) => {
      // The first job's gateway holds its submission until the spec lets it answer.
      let answer!: () => void;
      const held = new Promise<void>((r) => (answer = r));
      const submitted: string[][] = [];
      const gateway = (wait: Promise<void> | null): UplinkPort => ({
        submit: async (x) => {
          submitted.push(x.cellIds);
          await wait;
          return { submissionId: x.submissionId, gatewayId: x.gatewayId, acceptedAt: new Date(), duplicate: false, receipts: x.cellIds.map((cellId) => ({ cellId, status: 'broadcasting' as const, at: new Date() })) };
        },
        cancel: async () => {
          throw new Error('no kill in this spec');
        },
      });
      const job = (ds: (typeof workers)[number], wait: Promise<void> | null) => new DeliverBatch(new SqlAlertStore(ds), new SqlFanoutStore(ds), new SqlGatewaySealer(ds), gateway(wait), { now: () => new Date() });
      const first = job(workers[0], held).run(ref, 1);
      await waitUntil('the first job transmitting', async () => submitted.length === 1, 10_000);
      // The Cancel is released meanwhile; the first job's BullMQ lock lapses, and the batch's job runs again beside it.
      await db.query(`UPDATE alerts SET state = 'cancelling' WHERE id = $1`, [id]);
      const second = job(workers[1], null);
      await expect(second.run(ref, 1)).rejects.toMatchObject({ code: 'alert/batch-in-flight' });
      expect(await second.giveUp(ref, 'alert/batch-in-flight: held', 6, 'alert/batch-in-flight')).toEqual({ deferred: true });
      const statuses = async () => (await db.query(`SELECT status, count(*)::int AS n FROM deliveries WHERE alert_id = $1 AND route_id = $2 AND batch = $3 GROUP BY 1 ORDER BY 1`, [id, b.route_id, b.batch])).rows;
      expect(await statuses()).toEqual([{ status: 'queued', n: b.cell_count }]);
      expect(submitted).toHaveLength(1);
      // The first job's gateway answers: its cells are recorded on air, where the Cancel's kill looks for them.
      answer();
      expect(await first).toEqual({ submitted: b.cell_count });
      expect(await statuses()).toEqual([{ status: 'broadcasting', n: b.cell_count }]);
      expect((await db.query(`SELECT status FROM fanout_batches WHERE alert_id = $1 AND route_id = $2 AND batch = $3`, [id, b.route_id, b.batch])).rows).toEqual([{ status: 'done' }]);
      // The job that waited finds nothing left to do.
      expect(await second.run(ref, 2)).toEqual({ submitted: 0 });
      expect(await statuses()).toEqual([{ status: 'broadcasting', n: b.cell_count }]);
      expect(submitted).toHaveLength(1);
    });
  });

  it("stops at the gateway, before dropping a Cancel's batch, what a job that died unrecorded had put on air", async () => {
    await onBatchNeverRun('Esercitazione: un lavoro morto dopo la trasmissione.', { onAir: true, minCells: 2, pool: 1 }, async ({ id, b, ref, db, workers: [ds] }) => {
      // A gateway that knows what it has on air: a kill stops those cells and refuses the others.
      const onAir = new Set<string>();
      const kills: Array<{ killId: string; cellIds: string[] }> = [];
      const gateway: UplinkPort = {
        submit: async () => {
          throw new Error('nothing is submitted in this spec');
        },
        cancel: async (k) => {
          kills.push({ killId: k.killId, cellIds: k.cellIds });
          const receipts = k.cellIds.map((cellId) => (onAir.delete(cellId) ? { cellId, status: 'stopped' as const, at: new Date() } : { cellId, status: 'rejected' as const, at: new Date(), reason: 'not on air' }));
          return { killId: k.killId, duplicate: false, receipts };
        },
      };
      // The earlier job: claimed the batch under a short lease, put half its cells on air, and died before recording them.
      const store = new SqlFanoutStore(ds);
      const claim = await store.claimBatch(ref, { token: randomUUID(), ms: 300 });
      const cells = [...claim!.written!].sort();
      const sent = cells.slice(0, Math.ceil(cells.length / 2));
      for (const c of sent) onAir.add(c);
      // The Cancel is released; the earlier job's lease lapses; the relay's job for the batch runs.
      await db.query(`UPDATE alerts SET state = 'cancelling' WHERE id = $1`, [id]);
      await new Promise((r) => setTimeout(r, 400));
      const job = new DeliverBatch(new SqlAlertStore(ds), store, new SqlGatewaySealer(ds), gateway, { now: () => new Date() });
      expect(await job.run(ref, 1)).toEqual({ submitted: 0 });
      expect(kills).toEqual([{ killId: expect.stringMatching(/:unrecorded$/), cellIds: cells }]);
      expect([...onAir]).toEqual([]);
      const { rows } = await db.query(`SELECT status, reason, count(*)::int AS n FROM deliveries WHERE alert_id = $1 AND route_id = $2 AND batch = $3 GROUP BY 1, 2 ORDER BY 2`, [id, b.route_id, b.batch]);
      expect(rows).toEqual([
        { status: 'killed', reason: 'cancelled', n: sent.length },
        { status: 'killed', reason: 'cancelled before transmission', n: cells.length - sent.length },
      ]);
      expect((await db.query(`SELECT status FROM fanout_batches WHERE alert_id = $1 AND route_id = $2 AND batch = $3`, [id, b.route_id, b.batch])).rows).toEqual([{ status: 'failed' }]);
    });
  });

  it('records a simulated gateway\'s transmission only under the claim it holds, all of it or nothing', async () => {
    const p = await sharedPlatform();
    const db = new Client({ connectionString: p.databaseUrl });
    await db.connect();
    const ds = await createDataSource(p.databaseUrl, { poolSize: 1 }).initialize();
    try {
      const id = await createAndRelease(p, 'Esercitazione: una trasmissione registrata una volta.');
      await waitUntil('alert active', async () => (await alertView(p, id)).state === 'active', 60_000, p.logs);
      const { rows: [b] } = await db.query(`SELECT message_id, gateway_id, route_id, message_identifier, serial_number, dcs FROM broadcasts WHERE alert_id = $1 LIMIT 1`, [id]);
      const log = new SqlTransmissionLog(ds);
      const record = (submissionId: string, claimToken?: string) => ({
        submissionId,
        gatewayId: b.gateway_id,
        routeId: b.route_id,
        envelope: { alertId: id, messageIdentifier: b.message_identifier, serialNumber: b.serial_number, dcs: b.dcs, pages: ['00'] } as never,
        gatewayKeyId: 'spec-kid',
        cellCount: 2,
        cellIds: ['cell-a', 'cell-b'],
        transmittedAt: new Date(),
        repetition: { periodSeconds: 60, untilEpochSeconds: 2_000_000_000 },
        ...(claimToken === undefined ? {} : { claimToken }),
      });
      const recorded = async (submissionId: string) => {
        const { rows: [r] } = await db.query(
          `SELECT (SELECT count(*)::int FROM gateway_transmissions WHERE submission_id = $1) AS transmissions, (SELECT count(*)::int FROM broadcasts WHERE submission_id = $1) AS broadcasts,
                  (SELECT transmitted_at IS NOT NULL FROM gateway_submissions WHERE submission_id = $1) AS done`,
          [submissionId],
        );
        return r;
      };
      const claim = (submissionId: string) => log.claimSubmission({ submissionId, gatewayId: b.gateway_id, identity: 'spec', leaseMs: 60_000 });

      // Taken over: another token holds the claim now. Nothing is recorded, not even in part.
      const lost = `${b.message_id}:spec-lost`;
      const first = await claim(lost);
      await db.query(`UPDATE gateway_submissions SET claim_token = 'another holder' WHERE submission_id = $1`, [lost]);
      await expect(log.recordTransmission(record(lost, (first as { token: string }).token))).rejects.toBeInstanceOf(ClaimLostError);
      expect(await recorded(lost)).toEqual({ transmissions: 0, broadcasts: 0, done: false });

      // Held: recorded once, the claim marked transmitted; recording it again under the same claim fails.
      const held = `${b.message_id}:spec-held`;
      const mine = await claim(held);
      expect(mine.kind).toBe('claimed');
      await log.recordTransmission(record(held, (mine as { token: string }).token));
      expect(await recorded(held)).toEqual({ transmissions: 1, broadcasts: 1, done: true });
      await expect(log.recordTransmission(record(held, (mine as { token: string }).token))).rejects.toBeInstanceOf(ClaimLostError);
      expect(await recorded(held)).toEqual({ transmissions: 1, broadcasts: 1, done: true });

      // Without a durable memory (no claim): appended, a second time as a second transmission row.
      const free = `${b.message_id}:spec-free`;
      await log.recordTransmission(record(free));
      await log.recordTransmission(record(free));
      expect(await recorded(free)).toEqual({ transmissions: 2, broadcasts: 1, done: null });
    } finally {
      await ds.destroy();
      await db.end();
      await p.stop();
    }
  });

  it('reads an alert\'s messages once per store, and an alert without any again', async () => {
    const p = await sharedPlatform();
    const ds = await createDataSource(p.databaseUrl, { poolSize: 1 }).initialize();
    let open = true;
    try {
      const id = await createAndRelease(p, 'Esercitazione: messaggi letti una volta.');
      await waitUntil('alert active', async () => (await alertView(p, id)).state === 'active', 60_000, p.logs);
      const store = new SqlFanoutStore(ds);
      const none = '00000000-0000-4000-8000-000000000000';
      expect(await store.messages(none)).toEqual([]);
      const first = await store.messages(id);
      expect(first.map((m) => m.kind).sort()).toEqual(['alert', 'companion']);
      const ids = first.map((m) => m.id);
      // With its connection gone, the store still answers from what it read; a caller's changes to the list do not reach it.
      await ds.destroy();
      open = false;
      first.pop();
      expect((await store.messages(id)).map((m) => m.id)).toEqual(ids);
      await expect(store.messages(none)).rejects.toThrow();
    } finally {
      if (open) await ds.destroy();
      await p.stop();
    }
  });

  it('refuses a second delivery of the same message to the same cell in the database', async () => {
    const p = await sharedPlatform();
    const db = new Client({ connectionString: p.databaseUrl });
    await db.connect();
    try {
      const id = await createAndRelease(p, 'Esercitazione: unicità delle consegne.');
      await waitUntil('alert active', async () => (await alertView(p, id)).state === 'active', 60_000, p.logs);
      const { rows: [d] } = await db.query(`SELECT * FROM deliveries WHERE alert_id = $1 LIMIT 1`, [id]);
      await expect(
        db.query(
          `INSERT INTO deliveries (message_identifier, serial_number, code_cycle, language, cell_id, alert_id, message_id, route_id, batch, status)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'queued')`,
          [d.message_identifier, d.serial_number, d.code_cycle, d.language, d.cell_id, d.alert_id, d.message_id, d.route_id, d.batch],
        ),
      ).rejects.toMatchObject({ code: '23505' });
    } finally {
      await db.end();
      await p.stop();
    }
  });
});
