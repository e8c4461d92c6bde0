import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { freePort, startPlatform, waitUntil, type Platform } from '../test/platform';
import { grantToken } from '../test/principals';
import { startUplinkSim, type UplinkSimProcess } from '../test/uplink-sim-process';
import { freshBenchDatabase } from './bench-database';

// What the release benches (first-cell, mixed-load) draft, release and time.

export const REGIONS = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20'];

export interface Callers {
  operator: { headers: Record<string, string> };
  approver: { headers: Record<string, string> };
}

export const benchBackend = process.env.FARO_QUEUE_BACKEND === 'postgres' ? 'postgres' : 'redis';

export interface ReleasePlatform {
  p: Platform;
  db: Client;
  by: Callers;
  redisUrl: string | undefined;
  /** The gateways' own process, when they run apart from the worker. */
  sim?: UplinkSimProcess;
}

export type UplinkPlacement = 'in-process' | 'network';

// A platform whose gateways run inside the worker, or (network) as their own process
// (apps/uplink-sim) reached over the gateway protocol, as npm start does: then the worker's
// memory and time are the platform's own.
export async function startBenchPlatform(settings: Record<string, string>, uplink: UplinkPlacement): Promise<{ p: Platform; sim?: UplinkSimProcess }> {
  if (uplink === 'in-process') return { p: await startPlatform(settings) };
  const simPort = await freePort();
  const p = await startPlatform({ ...settings, UPLINK_MODE: 'network', UPLINK_URL: `http://127.0.0.1:${simPort}` }, { worker: false });
  const sim = await startUplinkSim(p.databaseUrl, { ...settings, LOG_LEVEL: 'info' }, simPort);
  await p.startWorker();
  return { p, sim };
}

// One platform for a release bench (gateways in the worker unless `uplink` says otherwise,
// realistic capacities unless `settings` say otherwise) over a fresh template database (its inventory `density` times the
// demo's when given), with an operator and an approver of Italy; stopped when the work is done.
export async function onReleasePlatform<T>(
  work: (on: ReleasePlatform) => Promise<T>,
  opts: { settings?: Record<string, string>; density?: number; uplink?: UplinkPlacement } = {},
): Promise<T> {
  const baseUrl = process.env.FARO_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/faro_bench';
  await freshBenchDatabase(baseUrl, { density: opts.density });
  process.env.FARO_TEST_DATABASE_URL = baseUrl;
  process.env.FARO_QUEUE_BACKEND = benchBackend;
  process.env.FARO_KEK ??= randomBytes(32).toString('base64');
  const { p, sim } = await startBenchPlatform({ UPLINK_SIM_FAILURE_RATE: '0', LOG_LEVEL: 'warn', ...opts.settings }, opts.uplink ?? 'in-process');
  const db = new Client({ connectionString: p.databaseUrl });
  await db.connect();
  try {
    const by = { operator: await grantToken(p.databaseUrl, ['operator']), approver: await grantToken(p.databaseUrl, ['approver']) };
    const redisUrl = benchBackend === 'redis' ? (process.env.REDIS_URL ?? 'redis://127.0.0.1:6379') : undefined;
    return await work({ p, db, by, redisUrl, sim });
  } finally {
    await db.end();
    await sim?.stop();
    await p.stop();
  }
}

export const incident = (codes: string[], n: number, over: { status?: string; severity?: string } = {}) => ({
  hazard: 'earthquake',
  areas: codes.map((code) => ({ type: 'geocode', scheme: 'ISTAT_REGION', code })),
  severity: over.severity ?? 'Extreme',
  urgency: 'Immediate',
  certainty: 'Observed',
  status: over.status ?? 'Exercise',
  languages: [{ language: 'it-IT', text: `ESERCITAZIONE ${n}: prova di allerta.` }],
  expires: new Date(Date.now() + 3600_000).toISOString(),
});

// Drafts and releases; returns the alert's id and the draft's time.
export async function release(p: Platform, by: Callers, body: object): Promise<{ alertId: string; draftMs: number }> {
  const t0 = performance.now();
  const created = await fetch(`${p.baseUrl}/api/v1/incidents`, { method: 'POST', headers: { 'content-type': 'application/json', ...by.operator.headers }, body: JSON.stringify(body) });
  if (created.status !== 201) throw new Error(`incident: ${created.status} ${await created.text()}`);
  const draftMs = performance.now() - t0;
  const { alertId } = (await created.json()) as { alertId: string };
  const r = await fetch(`${p.baseUrl}/api/v1/alerts/${alertId}/release`, { method: 'POST', headers: by.approver.headers });
  if (r.status !== 200) throw new Error(`release: ${r.status} ${await r.text()}`);
  return { alertId, draftMs };
}

// Active, and its satellite plan stored (it runs once the batches are out: a release that follows
// must not meet it). An alert with no satellite cell gets no plan: after 20 s the bench goes on.
export async function settled(p: Platform, db: Client, alertId: string): Promise<void> {
  await waitUntil(`${alertId} active`, async () => (await db.query(`SELECT state FROM alerts WHERE id = $1`, [alertId])).rows[0].state === 'active', 600_000, p.logs);
  for (const until = Date.now() + 20_000; Date.now() < until; await new Promise((res) => setTimeout(res, 100))) {
    if ((await db.query(`SELECT 1 FROM satellite_plans WHERE alert_id = $1`, [alertId])).rowCount === 1) break;
  }
}

// From the release: the first cells on air as the gateway recorded them, Faro's first receipt,
// and the last receipt; and the first cell's path in phases (each from the release): the fan-out
// job dispatched (outbox), the plan written (the audit entry of 'broadcasting', taken in the
// plan's transaction), the first batch claimed.
export async function timings(db: Client, alertId: string): Promise<{ firstOnAirMs: number; firstReceiptMs: number; lastAckMs: number; phases: FirstCellPhases }> {
  const { rows: [x] } = await db.query(
    `SELECT extract(epoch FROM (SELECT min(t.transmitted_at) FROM gateway_transmissions t WHERE t.alert_id = a.id) - a.released_at) * 1000 AS on_air,
            extract(epoch FROM (SELECT min(d.updated_at) FROM deliveries d WHERE d.alert_id = a.id AND d.status = 'broadcasting') - a.released_at) * 1000 AS receipt,
            extract(epoch FROM (SELECT max(d.updated_at) FROM deliveries d WHERE d.alert_id = a.id) - a.released_at) * 1000 AS last,
            extract(epoch FROM (SELECT min(o.dispatched_at) FROM outbox o WHERE o.alert_id = a.id) - a.released_at) * 1000 AS dispatched,
            extract(epoch FROM (SELECT min(l.at) FROM audit_log l WHERE l.subject_id = a.id::text AND l.action = 'alert.broadcasting') - a.released_at) * 1000 AS planned,
            extract(epoch FROM (SELECT min(b.claimed_at) FROM fanout_batches b WHERE b.alert_id = a.id) - a.released_at) * 1000 AS claimed
       FROM alerts a WHERE a.id = $1`,
    [alertId],
  );
  return {
    firstOnAirMs: Number(x.on_air),
    firstReceiptMs: Number(x.receipt),
    lastAckMs: Number(x.last),
    phases: { dispatchedMs: Number(x.dispatched), plannedMs: Number(x.planned), firstClaimMs: Number(x.claimed) },
  };
}

export interface FirstCellPhases {
  dispatchedMs: number;
  plannedMs: number;
  firstClaimMs: number;
}
