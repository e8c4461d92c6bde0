import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import autocannon from 'autocannon';
import { webhookSignature } from '@faro/sensors';
import type { Client } from 'pg';
import { freePort, waitUntil, type Platform } from '../test/platform';
import { grantToken } from '../test/principals';
import { latencySummary, spread } from './bench-database';
import { runBench, writeBenchResult } from './bench-run';
import { benchBackend as backend, onReleasePlatform } from './release-timing';

const HELP = `Signed webhook ingest under sustained load (issue 15, target 4: ≥ 50 % of a bare Nest +
Fastify endpoint's requests/s, at 0 % errors), beside that endpoint in the same run.
Usage: npm run build && node dist/bench/ingest.bench.js [--rounds N] [--seconds S] [--connections C] [--sensors K] [--air-idle N]
Each round loads the bare endpoint (bench/bare-endpoint.ts, its own process), the same endpoint
doing one INSERT of the body into PostgreSQL (the least a durable ingest does), then Faro's
POST /api/v1/sensors/{id}/incidents (policy 'record'), each for S seconds over C connections
(autocannon, loopback). Every request is a distinct JSON incident, signed afresh (HMAC-SHA256 of
timestamp + body) for one of K sensors in turn: a sensor admits at most 10,000 requests a minute.
The bare endpoint gets the same signed requests, so the client's work is the same on both sides.
Target 5 (sensor → first cell on air, p99 ≤ 1 s while that load runs): a sensor with policy 'auto'
posts earthquakes (magnitude 6.1, a 10 km circle round Catania), one after another, first on the
idle platform (N of them), then in each round during a second Faro load; each is timed from the moment it is
sent to the first transmission the gateways record for its alert.
After the rounds the bench counts the incidents stored against the 201s answered (at least as many).
Prints two SUMMARY lines (ingest, sensor-to-air). Needs PostgreSQL (FARO_BENCH_DATABASE_URL) and Redis unless
FARO_QUEUE_BACKEND=postgres.`;

const ROOT = resolve(__dirname, '..', '..');
const arg = (name: string, fallback: number) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);

interface Sensor {
  id: string;
  secret: Buffer;
}

interface Load {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  ok: number;
  errors: number;
  // CPU seconds per wall second of the process that answered (1 = one core busy).
  serverCores: number;
}

let sent = 0;

// A distinct incident per request, signed for the next sensor, as a sensor network would post.
function signedRequest(sensors: Sensor[], tag: string) {
  return (req: autocannon.Request): autocannon.Request => {
    const n = sent++;
    const sensor = sensors[n % sensors.length];
    const body = JSON.stringify({
      hazard: 'flood',
      severity: 'Severe',
      urgency: 'Expected',
      certainty: 'Likely',
      status: 'Exercise',
      identifier: `BENCH-${tag}-${n}`,
      areas: [{ type: 'geocode', scheme: 'ISTAT_MUNICIPALITY', code: '087015' }],
      languages: [{ language: 'it-IT', text: `Esercitazione ${n}: piena del Simeto.` }],
      expires: new Date(Date.now() + 3600_000).toISOString(),
    });
    const timestamp = String(Math.floor(Date.now() / 1000));
    return {
      ...req,
      method: 'POST',
      path: `/api/v1/sensors/${sensor.id}/incidents`,
      headers: { 'content-type': 'application/json', 'x-faro-timestamp': timestamp, 'x-faro-signature': webhookSignature(sensor.secret, timestamp, Buffer.from(body)) },
      body,
    };
  };
}

const cpuSeconds = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
};

async function load(url: string, pid: number, sensors: Sensor[], tag: string, seconds: number, connections: number): Promise<Load> {
  const cpu0 = cpuSeconds(pid);
  const t0 = performance.now();
  const r = await autocannon({ url, connections, duration: seconds, timeout: 10, requests: [{ setupRequest: signedRequest(sensors, tag) }] });
  const cores = (cpuSeconds(pid) - cpu0) / ((performance.now() - t0) / 1000);
  return {
    requestsPerSecond: Math.round(r.requests.average),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    ok: r['2xx'],
    errors: r.non2xx + r.errors + r.timeouts,
    serverCores: Math.round(cores * 100) / 100,
  };
}

// Posts one earthquake for the 'auto' sensor; the time from sending to its first cell on air.
async function sensorToAir(p: Platform, db: Client, sensor: Sensor, n: number): Promise<number> {
  const body = JSON.stringify({
    hazard: 'earthquake',
    severity: 'Extreme',
    urgency: 'Immediate',
    certainty: 'Observed',
    status: 'Exercise',
    identifier: `AIR-${n}-${Date.now()}`,
    areas: [{ type: 'circle', center: [15.087, 37.502], radiusKm: 10 }],
    languages: [{ language: 'it-IT', text: `ESERCITAZIONE ${n}: terremoto, allontanarsi dagli edifici.` }],
    expires: new Date(Date.now() + 3600_000).toISOString(),
    magnitude: 6.1,
  });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const sentAt = Date.now();
  const r = await fetch(`${p.baseUrl}/api/v1/sensors/${sensor.id}/incidents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-faro-timestamp': timestamp, 'x-faro-signature': webhookSignature(sensor.secret, timestamp, Buffer.from(body)) },
    body,
  });
  const answer = (await r.json()) as { alertId?: string; released?: boolean; reason?: string };
  if (r.status !== 201 || !answer.released) throw new Error(`auto sensor: ${r.status} ${JSON.stringify(answer)}`);
  const onAir = await waitUntil(`alert ${answer.alertId} on air`, async () => {
    const { rows: [x] } = await db.query(`SELECT min(transmitted_at) AS at FROM gateway_transmissions WHERE alert_id = $1`, [answer.alertId]);
    return x.at ? new Date(x.at) : undefined;
  }, 60_000, p.logs);
  return onAir.getTime() - sentAt;
}

// Earthquakes one after another until `until` (or `count` of them), each once the one before is on air.
async function sensorToAirSeries(p: Platform, db: Client, sensor: Sensor, opts: { until?: number; count?: number }): Promise<number[]> {
  const ms: number[] = [];
  while ((opts.count === undefined || ms.length < opts.count) && (opts.until === undefined || Date.now() < opts.until)) {
    ms.push(await sensorToAir(p, db, sensor, airSent++));
    await new Promise((r) => setTimeout(r, 200));
  }
  return ms;
}

let airSent = 0;

async function startBare(databaseUrl?: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const env = { PATH: process.env.PATH, PORT: String(port), ...(databaseUrl ? { BARE_DATABASE_URL: databaseUrl } : {}) };
  const child = spawn(process.execPath, [resolve(ROOT, 'dist/bench/bare-endpoint.js')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((ok, fail) => {
    child.stdout!.on('data', (b: Buffer) => b.toString().includes('ready') && ok());
    child.once('exit', (code) => fail(new Error(`bare endpoint exited ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

async function main(): Promise<void> {
  if (process.argv.includes('--help')) return void console.log(HELP);
  const rounds = arg('--rounds', 3);
  const seconds = arg('--seconds', 10);
  const connections = arg('--connections', 32);
  const sensorCount = arg('--sensors', 50);
  await onReleasePlatform(async ({ p, db }) => {
    const admin = await grantToken(p.databaseUrl, ['admin']);
    const sensors: Sensor[] = [];
    for (let i = 0; i < sensorCount; i++) {
      const r = await fetch(`${p.baseUrl}/api/v1/sensors`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...admin.headers },
        body: JSON.stringify({ name: `Idrometro ${i}`, jurisdictionId: 'IT-R19', releasePolicy: 'record', rateLimitPerMinute: 10_000 }),
      });
      if (r.status !== 201) throw new Error(`sensor: ${r.status} ${await r.text()}`);
      const s = (await r.json()) as { id: string; secret: string };
      sensors.push({ id: s.id, secret: Buffer.from(s.secret, 'utf8') });
    }
    const quake = await fetch(`${p.baseUrl}/api/v1/sensors`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...admin.headers },
      body: JSON.stringify({ name: 'INGV Catania (auto)', jurisdictionId: 'IT-R19', releasePolicy: 'auto', autoRelease: { minMagnitude: 5.5, hazards: ['earthquake'] } }),
    });
    if (quake.status !== 201) throw new Error(`auto sensor: ${quake.status} ${await quake.text()}`);
    const q = (await quake.json()) as { id: string; secret: string };
    const autoSensor = { id: q.id, secret: Buffer.from(q.secret, 'utf8') };
    await db.query(`CREATE TABLE bench_ingest (id bigserial PRIMARY KEY, sensor_id text NOT NULL, body jsonb NOT NULL, at timestamptz NOT NULL DEFAULT now())`);
    const bare = await startBare();
    const bareInsert = await startBare(p.databaseUrl);
    const runs: { bare: Load; bareInsert: Load; faro: Load; faroWithAir: Load; ratio: number; ratioToInsert: number }[] = [];
    const airIdle: number[] = [];
    const airUnderLoad: number[] = [];
    const ratio = (a: Load, b: Load) => Math.round((a.requestsPerSecond / b.requestsPerSecond) * 1000) / 1000;
    try {
      // A short warm-up of each: JIT and pools, not measured.
      await load(bare.url, bare.child.pid!, sensors, 'warm-bare', 2, connections);
      await load(bareInsert.url, bareInsert.child.pid!, sensors, 'warm-insert', 2, connections);
      await load(p.baseUrl, p.pids.api, sensors, 'warm', 2, connections);
      airIdle.push(...(await sensorToAirSeries(p, db, autoSensor, { count: arg('--air-idle', 10) })));
      for (let i = 0; i < rounds; i++) {
        const b = await load(bare.url, bare.child.pid!, sensors, `bare-${i}`, seconds, connections);
        const bi = await load(bareInsert.url, bareInsert.child.pid!, sensors, `insert-${i}`, seconds, connections);
        const f = await load(p.baseUrl, p.pids.api, sensors, `faro-${i}`, seconds, connections);
        // The same load again, with the auto sensor's earthquakes going on air through it.
        const loaded = load(p.baseUrl, p.pids.api, sensors, `faro-air-${i}`, seconds, connections);
        await new Promise((r) => setTimeout(r, 1000));
        airUnderLoad.push(...(await sensorToAirSeries(p, db, autoSensor, { until: Date.now() + (seconds - 2) * 1000 })));
        const fa = await loaded;
        runs.push({ bare: b, bareInsert: bi, faro: f, faroWithAir: fa, ratio: ratio(f, b), ratioToInsert: ratio(f, bi) });
        console.log(
          `round ${i + 1}: bare ${b.requestsPerSecond} req/s p99 ${b.p99Ms} ms; bare + INSERT ${bi.requestsPerSecond} req/s p99 ${bi.p99Ms} ms; ` +
            `faro ${f.requestsPerSecond} req/s p99 ${f.p99Ms} ms, ${f.errors} errors, api ${f.serverCores} cores; with earthquakes going on air ${fa.requestsPerSecond} req/s, ${fa.errors} errors`,
        );
      }
    } finally {
      bare.child.kill();
      bareInsert.child.kill();
    }
    // Nothing lost: every 201 is a stored incident. A few more may be stored: requests in flight
    // when a load phase stopped, whose client left after the write (a sensor's retry of one gets
    // the same incident back, by its identifier); those it left before the write are not stored.
    const answered = runs.reduce((n, r) => n + r.faro.ok + r.faroWithAir.ok, 0);
    const { rows: [stored] } = await db.query(`SELECT count(*)::int AS n FROM incidents WHERE payload->>'identifier' LIKE 'BENCH-faro-%'`);
    const result = {
      backend,
      at: new Date().toISOString(),
      loadavg: readFileSync('/proc/loadavg', 'utf8').trim(),
      seconds,
      connections,
      sensors: sensorCount,
      runs,
      bareRequestsPerSecond: spread(runs.map((r) => r.bare.requestsPerSecond)),
      bareInsertRequestsPerSecond: spread(runs.map((r) => r.bareInsert.requestsPerSecond)),
      ratioToInsert: spread(runs.map((r) => r.ratioToInsert)),
      faroRequestsPerSecond: spread(runs.map((r) => r.faro.requestsPerSecond)),
      faroP99Ms: spread(runs.map((r) => r.faro.p99Ms)),
      ratio: spread(runs.map((r) => r.ratio)),
      faroErrors: runs.reduce((n, r) => n + r.faro.errors + r.faroWithAir.errors, 0),
      sensorToAirMs: { idle: latencySummary(airIdle), underLoad: latencySummary(airUnderLoad), loadRequestsPerSecond: spread(runs.map((r) => r.faroWithAir.requestsPerSecond)) },
      answered201: answered,
      storedIncidents: stored.n,
    };
    console.log(JSON.stringify(result, null, 2));
    console.log(`SUMMARY ${JSON.stringify({ scenario: 'ingest', backend, ratio: result.ratio, ratioToInsert: result.ratioToInsert, faroRequestsPerSecond: result.faroRequestsPerSecond, faroP99Ms: result.faroP99Ms, bareRequestsPerSecond: result.bareRequestsPerSecond, bareInsertRequestsPerSecond: result.bareInsertRequestsPerSecond, faroErrors: result.faroErrors, answered201: answered, storedIncidents: stored.n })}`);
    console.log(`SUMMARY ${JSON.stringify({ scenario: 'sensor-to-air', backend, ...result.sensorToAirMs })}`);
    writeBenchResult(`ingest-${backend}`, result, result.at);
  });
}

runBench(main);
