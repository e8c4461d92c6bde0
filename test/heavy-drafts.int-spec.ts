import { Worker } from 'node:worker_threads';
import { capDateTime } from '@faro/cap';
import { useOwnTeamPlatform } from './team-platform';

// Runs once, not per queue backend: nothing here is queued (scripts/test.sh).

jest.setTimeout(300_000);

// Issue 9, point 8: a CAP alert whose polygon had 100,000 points (989 KB, under the 1 MiB body
// limit) got no answer within 20 s and held /health and the keys for minutes: targeting grew
// faster than the point count and ran on the API's event loop. Each case here runs while a probe
// asks /health every 50 ms; every answer must come quickly (the event loop stays free), a property
// of the server, not a benchmark. "Quickly" is the larger of 300 ms and three times the slowest
// answer of the same probe in the second before the request (the same run's yardstick): on two
// cores shared with the other queue backend's pass and the draft's own threads, the scheduler
// alone held an answer 134 ms. Targeting the 10,000-position outline below took 0.7-2.6 s of one
// core on that busy machine, so targeting put back on the event loop fails this; parsing the
// 100,000-point CAP document (0.2-0.6 s there) is near the bound and might not.
const HEALTH_MAX_MS = 300;

interface Latencies {
  idle: number[];
  during: number[];
}

describe('no request blocks the others', () => {
  const team = useOwnTeamPlatform('IT');

  // Asks /health every 50 ms until stopped; returns how long each answer took. The probe runs in
  // a thread of its own, so that this process building or reading a large body cannot delay it.
  // Each answer as [when it was asked (epoch ms), how long it took (ms)].
  async function probeHealth(): Promise<{ stop: () => Promise<Array<[number, number]>> }> {
    const worker = new Worker(
      `
      const { parentPort, workerData } = require('node:worker_threads');
      const latencies = [];
      let running = true;
      parentPort.on('message', () => (running = false));
      (async () => {
        // The probe's own start (its first connection, compiled code) is not the server's latency.
        for (let i = 0; i < 5; i++) await (await fetch(workerData.url)).arrayBuffer();
        parentPort.postMessage('ready');
        while (running) {
          const t0 = performance.now();
          const r = await fetch(workerData.url, { signal: AbortSignal.timeout(30000) });
          await r.arrayBuffer();
          latencies.push([performance.timeOrigin + t0, performance.now() - t0]);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        parentPort.postMessage(latencies);
      })().catch((e) => parentPort.postMessage({ error: String(e) }));
      `,
      { eval: true, workerData: { url: `${team.platform.baseUrl}/health` } },
    );
    const messages: Array<(m: unknown) => void> = [];
    worker.on('message', (m) => messages.shift()?.(m));
    const next = () =>
      new Promise<unknown>((resolve, reject) => {
        messages.push(resolve);
        worker.once('error', reject);
      });
    const ready = await next();
    if (ready !== 'ready') throw new Error(`health probe did not start: ${JSON.stringify(ready)}`);
    const done = next().then((m) => {
      if (!Array.isArray(m)) throw new Error(`health probe failed: ${JSON.stringify(m)}`);
      return m as Array<[number, number]>;
    });
    return {
      stop: async () => {
        worker.postMessage('stop');
        try {
          return await done;
        } finally {
          await worker.terminate();
        }
      },
    };
  }

  // Runs `work` under the probe, after a second of probing an idle server: what it returned, how
  // long it took, the probe's latencies from the work's start on, and those of the idle second.
  async function underProbe<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; latencies: Latencies }> {
    const probe = await probeHealth();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const startedAt = Date.now();
    const t0 = performance.now();
    try {
      const result = await work();
      const ms = performance.now() - t0;
      await new Promise((resolve) => setTimeout(resolve, 200));
      const answers = await probe.stop();
      return {
        result,
        ms,
        latencies: {
          idle: answers.filter(([at]) => at < startedAt).map(([, took]) => took),
          during: answers.filter(([at]) => at >= startedAt).map(([, took]) => took),
        },
      };
    } catch (e) {
      await probe.stop();
      throw e;
    }
  }

  const post = async (body: string, type: string) => {
    const r = await fetch(`${team.platform.baseUrl}/api/v1/incidents`, {
      method: 'POST',
      headers: { 'content-type': type, ...team.operator.headers },
      body,
      // Before the fix the API did not answer for minutes.
      signal: AbortSignal.timeout(30_000),
    });
    return { status: r.status, body: (await r.json()) as any };
  };

  // A star-shaped outline around Catania: simple, on land and sea, reached by many cells.
  function outline(positions: number, decimals: number): Array<[number, number]> {
    const points: Array<[number, number]> = [];
    for (let i = 0; i < positions - 1; i++) {
      const t = (2 * Math.PI * i) / (positions - 1);
      const r = 0.1 * (1 + 0.05 * Math.sin(50 * t));
      points.push([Number((15.0 + r * Math.cos(t)).toFixed(decimals)), Number((37.5 + r * Math.sin(t)).toFixed(decimals))]);
    }
    points.push(points[0]);
    return points;
  }

  const incident = (areas: unknown[]) => ({
    hazard: 'earthquake',
    areas,
    severity: 'Severe',
    urgency: 'Immediate',
    certainty: 'Observed',
    status: 'Exercise',
    languages: [{ language: 'it-IT', text: 'Esercitazione: terremoto nella zona di Catania.' }],
    expires: new Date(Date.now() + 3600_000).toISOString(),
  });

  const cap = (areas: string, now = new Date()) => `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>heavy-${now.getTime()}-${Math.random().toString(36).slice(2)}</identifier>
  <sender>it-alert@protezionecivile.it</sender>
  <sent>${capDateTime(now)}</sent>
  <status>Exercise</status>
  <msgType>Alert</msgType>
  <scope>Public</scope>
  <info>
    <language>it-IT</language>
    <category>Geo</category>
    <event>Terremoto</event>
    <urgency>Immediate</urgency>
    <severity>Severe</severity>
    <certainty>Observed</certainty>
    <expires>${capDateTime(new Date(now.getTime() + 3600_000))}</expires>
    <description>Esercitazione: terremoto nella zona di Catania.</description>${areas}
  </info>
</alert>`;

  function expectHealthAnsweredQuickly({ idle, during }: Latencies): void {
    expect(idle.length).toBeGreaterThanOrEqual(10);
    expect(during.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...during)).toBeLessThan(Math.max(HEALTH_MAX_MS, 3 * Math.max(...idle)));
  }

  it('refuses a CAP polygon of 100,000 points at once, naming it, while /health keeps answering', async () => {
    // "37,10.001 " is 10 bytes: 100,000 pairs fit under the 1 MiB body limit, as in the issue. A
    // zigzag between two parallels: no two consecutive points alike, so none is merged away.
    const zigzag = Array.from({ length: 99_999 }, (_, i) => `${37 + (i % 2)},${(10 + (i % 9000) / 1000).toFixed(3)}`);
    const pairs = [...zigzag, zigzag[0]].join(' ');
    const body = cap(`
    <area>
      <areaDesc>Catania</areaDesc>
      <polygon>${pairs}</polygon>
    </area>`);
    expect(body.length).toBeLessThan(1024 * 1024);

    const { result, ms, latencies } = await underProbe(() => post(body, 'application/cap+xml'));

    expect(result.status).toBe(422);
    expect(result.body.code).toBe('targeting/area-over-limit');
    expect(result.body.pointer).toBe('alert/info[0]/area[0]/polygon[0]');
    expect(result.body.detail).toBe('alert/info[0]/area[0]/polygon[0]: a polygon may have at most 10000 positions, this one has 100000');
    expect(ms).toBeLessThan(5_000);
    expectHealthAnsweredQuickly(latencies);
  });

  it('refuses a JSON polygon one position over the limit, naming its coordinates', async () => {
    const body = JSON.stringify(incident([{ type: 'polygon', coordinates: outline(10_001, 6) }]));
    const { result, latencies } = await underProbe(() => post(body, 'application/json'));

    expect(result.status).toBe(422);
    expect(result.body.code).toBe('targeting/area-over-limit');
    expect(result.body.pointer).toBe('/areas/0/coordinates');
    expect(result.body.detail).toBe('/areas/0/coordinates: a polygon may have at most 10000 positions, this one has 10001');
    expectHealthAnsweredQuickly(latencies);
  });

  it('refuses a CAP <info> with 101 <area> elements, naming the 101st', async () => {
    const areas = Array.from({ length: 101 }, (_, i) => `
    <area>
      <areaDesc>Punto ${i + 1}</areaDesc>
      <circle>37.5,15.0 1</circle>
    </area>`).join('');

    const body = cap(areas);
    const { result, latencies } = await underProbe(() => post(body, 'application/cap+xml'));

    expect(result.status).toBe(422);
    expect(result.body.code).toBe('targeting/area-over-limit');
    expect(result.body.pointer).toBe('alert/info[0]/area[100]');
    expectHealthAnsweredQuickly(latencies);
  });

  it('drafts a polygon of exactly the most positions allowed within seconds, while /health keeps answering', async () => {
    const body = JSON.stringify(incident([{ type: 'polygon', coordinates: outline(10_000, 6) }]));
    const { result, ms, latencies } = await underProbe(() => post(body, 'application/json'));

    expect(result.status).toBe(201);
    expect(result.body.alert.state).toBe('draft');
    expect(result.body.alert.targeting.counts.total).toBeGreaterThan(0);
    expect(ms).toBeLessThan(10_000);
    expectHealthAnsweredQuickly(latencies);
  });
});
