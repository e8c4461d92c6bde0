import { join } from 'node:path';
import { latLngToCell } from 'h3-js';
import { generateSatelliteGrid } from '@faro/inventory';
import { BroadcastScheduler } from './broadcast-scheduler';
import type { EcfVec3 } from 'satellite.js';
import { Constellation, lookAngleFrom, observerOf } from './constellation';
import { ConstellationError } from './constellation-error';
import { readElementSets } from './element-sets';
import type { EarthFixedCell } from './ground-point';
import { SIX_SITES } from './testing/six-sites';

const DATA = join(__dirname, '../../../data/satellites');
const dtc = new Constellation(readElementSets(join(DATA, 'starlink_dtc.tle')));
const stations = new Constellation(readElementSets(join(DATA, 'stations.tle')));
const NOON = new Date('2026-05-30T12:00:00Z');
const clock = { now: () => NOON };

// The earth-fixed satellite cells (libs/targeting's grid, H3 resolution 5) around the Strait of
// Messina: north-east Sicily and southern Calabria, 90 cells.
const STRAIT: EarthFixedCell[] = generateSatelliteGrid()
  .filter(({ site: [lon, lat] }) => lon >= 14.8 && lon <= 16.6 && lat >= 37.5 && lat <= 39.0)
  .map(({ id, site: [lon, lat] }) => ({ id, lon, lat }));
const REGGIO_CALABRIA = `S-${latLngToCell(38.1113, 15.6467, 5)}`;

const hhmm = (d: Date) => d.toISOString().slice(11, 16);

describe('BroadcastScheduler', () => {
  describe('an hour on air over the Strait of Messina, repeated every minute, from the Direct-to-Cell constellation', () => {
    const scheduler = new BroadcastScheduler(dtc, SIX_SITES, clock, { cellElevationMaskDeg: 20, beamCapacity: 48 });
    const plan = scheduler.plan({ cells: STRAIT, durationSeconds: 3600, repetitionSeconds: 60 });

    it('covers every targeted cell at every one of the 60 repetitions', () => {
      expect(STRAIT.length).toBe(90);
      expect(plan.repetitions).toHaveLength(60);
      expect(plan.repetitions[0]).toEqual(NOON);
      for (const cell of plan.cells) {
        expect(cell.missed).toEqual([]);
        expect(cell.transmissions.map((x) => x.at)).toEqual(plan.repetitions);
      }
      expect(plan.unserved).toEqual([]);
    });

    it('sends each repetition through a satellite above the cell\'s mask that a gateway above its own mask reaches', () => {
      const gateways = new Map(SIX_SITES.map((g) => [g.id, g]));
      const positions = new Map<string, EcfVec3<number>>();
      const positionOf = (satelliteId: string, at: Date) => {
        const key = `${satelliteId}@${at.getTime()}`;
        if (!positions.has(key)) positions.set(key, dtc.positionAt(satelliteId, at)!);
        return positions.get(key)!;
      };
      const wrong: string[] = [];
      let checked = 0;
      for (const cell of plan.cells) {
        const site = STRAIT.find((c) => c.id === cell.cellId)!;
        for (const x of cell.transmissions) {
          const ecf = positionOf(x.satelliteId, x.at);
          const fromCell = lookAngleFrom(observerOf(site), ecf).elevationDeg;
          const gateway = gateways.get(x.gatewayId)!;
          const fromGateway = lookAngleFrom(observerOf(gateway), ecf).elevationDeg;
          if (Math.abs(fromCell - x.elevationDeg) > 1e-9 || fromCell < 20 || fromGateway < gateway.elevationMaskDeg) {
            wrong.push(`${cell.cellId} ${x.at.toISOString()} ${x.satelliteId} ${fromCell} via ${x.gatewayId} ${fromGateway}`);
          }
          checked++;
        }
      }
      expect(checked).toBe(90 * 60);
      expect(wrong).toEqual([]);
    });

    it('never gives a satellite more cells than its 48 beams, so several satellites share the strait', () => {
      for (const at of plan.repetitions) {
        const load = new Map<string, number>();
        for (const cell of plan.cells) {
          const x = cell.transmissions.find((t) => t.at.getTime() === at.getTime())!;
          load.set(x.satelliteId, (load.get(x.satelliteId) ?? 0) + 1);
        }
        expect(Math.max(...load.values())).toBeLessThanOrEqual(48);
        expect(load.size).toBeGreaterThanOrEqual(2);
      }
    });

    it('lists a hand-over wherever a cell\'s satellite or gateway changes between repetitions, and nowhere else', () => {
      for (const cell of plan.cells) {
        const changes = cell.transmissions.slice(1).flatMap((x, i) => {
          const before = cell.transmissions[i];
          if (before.satelliteId === x.satelliteId && before.gatewayId === x.gatewayId) return [];
          return [{
            cellId: cell.cellId,
            at: x.at,
            kind: before.satelliteId !== x.satelliteId ? 'satellite' : 'gateway',
            from: { satelliteId: before.satelliteId, gatewayId: before.gatewayId },
            to: { satelliteId: x.satelliteId, gatewayId: x.gatewayId },
          }];
        });
        expect(plan.handovers.filter((h) => h.cellId === cell.cellId)).toEqual(changes);
      }
    });

    it('hands Reggio Calabria over from satellite to satellite as they pass', () => {
      const handovers = plan.handovers
        .filter((h) => h.cellId === REGGIO_CALABRIA)
        .map((h) => `${hhmm(h.at)} ${h.kind} ${h.from.satelliteId}/${h.from.gatewayId} → ${h.to.satelliteId}/${h.to.gatewayId}`);
      expect(handovers).toEqual(EXPECTED_REGGIO_HANDOVERS);
    });

    it('makes the same plan again from the same clock', () => {
      const again = () => scheduler.plan({ cells: STRAIT, durationSeconds: 600, repetitionSeconds: 60 });
      const first = again();
      expect(again()).toEqual(first);
      expect(first.handovers).toEqual(plan.handovers.filter((h) => h.at < first.end));
    });
  });

  it('reports at once the cells no satellite can reach before the deadline, with the reason', () => {
    const few = STRAIT.slice(0, 5);
    const deadline = new Date(NOON.getTime() + 5 * 60_000);
    const fromStations = new BroadcastScheduler(stations, SIX_SITES, clock, { cellElevationMaskDeg: 20 }).plan({
      cells: few,
      durationSeconds: 600,
      repetitionSeconds: 60,
      deadline,
    });
    expect(fromStations.unserved).toEqual(few.map((c) => ({ cellId: c.id, reason: 'no-satellite-in-view' })));

    const noGateways = new BroadcastScheduler(dtc, [], clock, { cellElevationMaskDeg: 20 }).plan({ cells: few, durationSeconds: 120, repetitionSeconds: 60 });
    expect(noGateways.unserved).toEqual(few.map((c) => ({ cellId: c.id, reason: 'no-gateway-in-view' })));
    expect(noGateways.cells.every((c) => c.transmissions.length === 0)).toBe(true);
  });

  it('reports the cells left over when the satellites in view have no beam to spare', () => {
    const plan = new BroadcastScheduler(dtc, SIX_SITES, clock, { cellElevationMaskDeg: 20, beamCapacity: 1 }).plan({
      cells: STRAIT,
      durationSeconds: 60,
      repetitionSeconds: 60,
    });
    const served = plan.cells.filter((c) => c.transmissions.length === 1);
    const satellites = new Set(served.map((c) => c.transmissions[0].satelliteId));
    expect(satellites.size).toBe(served.length);
    expect(plan.unserved.length).toBe(STRAIT.length - served.length);
    expect(new Set(plan.unserved.map((u) => u.reason))).toEqual(new Set(['beam-capacity']));
  });

  it('makes the same plan in turns as at once', async () => {
    const scheduler = new BroadcastScheduler(dtc, SIX_SITES, clock, { cellElevationMaskDeg: 20, beamCapacity: 5 });
    const request = { cells: STRAIT.slice(0, 30), durationSeconds: 900, repetitionSeconds: 60 };
    expect(await scheduler.planInTurns(request, 4)).toEqual(scheduler.plan(request));
  });

  it('finds the same unserved cells as the whole plan, stopping once every cell has had a route', () => {
    const scheduler = new BroadcastScheduler(dtc, SIX_SITES, clock, { cellElevationMaskDeg: 20, beamCapacity: 3 });
    const request = { cells: STRAIT, durationSeconds: 1800, repetitionSeconds: 60, deadline: new Date(NOON.getTime() + 120_000) };
    const whole = scheduler.plan(request).unserved;
    expect(whole.length).toBeGreaterThan(0);
    expect(scheduler.unserved(request)).toEqual(whole);
    expect(new BroadcastScheduler(stations, SIX_SITES, clock).unserved({ cells: STRAIT.slice(0, 3), durationSeconds: 600, repetitionSeconds: 60 }))
      .toEqual(STRAIT.slice(0, 3).map((c) => ({ cellId: c.id, reason: 'no-satellite-in-view' })));
  });

  it('looks at the sky skyOffsetMs away and keeps the broadcast\'s own times', () => {
    const december = new Date('2026-12-06T12:00:00Z');
    const offset = NOON.getTime() - december.getTime();
    const replayed = new BroadcastScheduler(dtc, SIX_SITES, { now: () => december }, { cellElevationMaskDeg: 20, skyOffsetMs: () => offset })
      .plan({ cells: STRAIT.slice(0, 4), durationSeconds: 300, repetitionSeconds: 60 });
    const atNoon = new BroadcastScheduler(dtc, SIX_SITES, clock, { cellElevationMaskDeg: 20 }).plan({ cells: STRAIT.slice(0, 4), durationSeconds: 300, repetitionSeconds: 60 });
    expect(replayed.start).toEqual(december);
    const shift = (d: Date) => new Date(d.getTime() + offset);
    expect(replayed.cells.map((c) => c.transmissions.map((x) => ({ ...x, at: shift(x.at) })))).toEqual(atNoon.cells.map((c) => c.transmissions));
  });

  it('starts at the clock\'s now, or later when asked', () => {
    const scheduler = new BroadcastScheduler(dtc, SIX_SITES, clock);
    const cells = STRAIT.slice(0, 2);
    expect(scheduler.plan({ cells, durationSeconds: 60, repetitionSeconds: 60, startsAt: new Date('2026-05-30T11:00:00Z') }).start).toEqual(NOON);
    const later = new Date('2026-05-30T12:30:00Z');
    expect(scheduler.plan({ cells, durationSeconds: 60, repetitionSeconds: 60, startsAt: later }).repetitions).toEqual([later]);
  });

  it('refuses a deadline before the start, a repetition period of zero and a beam capacity of zero', () => {
    const scheduler = new BroadcastScheduler(dtc, SIX_SITES, clock);
    expect(() => scheduler.plan({ cells: STRAIT, durationSeconds: 60, repetitionSeconds: 60, deadline: new Date('2026-05-30T11:59:00Z') })).toThrow(
      new ConstellationError('constellation/bad-window', 'the deadline is before the broadcast can start'),
    );
    expect(() => scheduler.plan({ cells: STRAIT, durationSeconds: 60, repetitionSeconds: 0 })).toThrow(
      expect.objectContaining({ code: 'constellation/bad-window' }),
    );
    expect(() => new BroadcastScheduler(dtc, SIX_SITES, clock, { beamCapacity: 0 })).toThrow(
      new ConstellationError('constellation/bad-option', 'a beam capacity of 0 cells is not a positive integer'),
    );
  });
});

// From this snapshot's element sets with satellite.js 6.0.2: a hand-over every one to two
// minutes, the satellites at ≈360 km crossing the 20° cone in two or three.
const EXPECTED_REGGIO_HANDOVERS = [
  "12:02 gateway 60400/gw-sardegna → 60400/gw-puglia",
  "12:03 satellite 60400/gw-puglia → 64377/gw-malta",
  "12:05 satellite 64377/gw-malta → 60924/gw-sicilia",
  "12:07 satellite 60924/gw-sicilia → 63272/gw-puglia",
  "12:09 satellite 63272/gw-puglia → 60399/gw-abruzzo",
  "12:11 satellite 60399/gw-abruzzo → 62225/gw-malta",
  "12:13 gateway 62225/gw-malta → 62225/gw-puglia",
  "12:14 satellite 62225/gw-puglia → 62409/gw-sicilia",
  "12:16 gateway 62409/gw-sicilia → 62409/gw-puglia",
  "12:17 satellite 62409/gw-puglia → 60410/gw-abruzzo",
  "12:18 satellite 60410/gw-abruzzo → 62566/gw-abruzzo",
  "12:20 gateway 62566/gw-abruzzo → 62566/gw-puglia",
  "12:21 satellite 62566/gw-puglia → 59422/gw-sicilia",
  "12:23 satellite 59422/gw-sicilia → 62410/gw-puglia",
  "12:25 satellite 62410/gw-puglia → 62229/gw-malta",
  "12:27 satellite 62229/gw-malta → 60932/gw-malta",
  "12:29 satellite 60932/gw-malta → 64075/gw-sicilia",
  "12:31 satellite 64075/gw-sicilia → 63267/gw-puglia",
  "12:33 satellite 63267/gw-puglia → 62227/gw-malta",
  "12:34 satellite 62227/gw-malta → 62555/gw-abruzzo",
  "12:36 gateway 62555/gw-abruzzo → 62555/gw-puglia",
  "12:37 satellite 62555/gw-puglia → 64070/gw-sicilia",
  "12:39 satellite 64070/gw-sicilia → 63276/gw-puglia",
  "12:41 satellite 63276/gw-puglia → 62598/gw-abruzzo",
  "12:43 satellite 62598/gw-abruzzo → 62561/gw-abruzzo",
  "12:44 gateway 62561/gw-abruzzo → 62561/gw-puglia",
  "12:45 satellite 62561/gw-puglia → 61879/gw-puglia",
  "12:47 satellite 61879/gw-puglia → 63271/gw-puglia",
  "12:49 satellite 63271/gw-puglia → 62599/gw-abruzzo",
  "12:51 satellite 62599/gw-abruzzo → 61878/gw-abruzzo",
  "12:53 gateway 61878/gw-abruzzo → 61878/gw-sicilia",
  "12:54 satellite 61878/gw-sicilia → 62415/gw-sicilia",
  "12:56 satellite 62415/gw-sicilia → 62891/gw-malta",
  "12:58 satellite 62891/gw-malta → 62589/gw-puglia",
  "12:59 satellite 62589/gw-puglia → 62558/gw-abruzzo",
];
