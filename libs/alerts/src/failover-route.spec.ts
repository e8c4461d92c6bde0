import type { CellReceipt, UplinkAck, UplinkKill, UplinkKillAck, UplinkPort, UplinkSubmission } from '@faro/uplink';
import type { Alert } from './alert';
import type { BroadcastMessage } from './broadcast-message';
import type { BatchRef } from './fanout-ports';
import { FailoverRoute, SettleReturnedRoute, type CarriedBatch, type CarrierSky, type CarryCells, type FailoverStore, type UnsettledMove } from './failover-route';
import type { AlertStore } from './ports';

// Satellite cells of the grid (H3 resolution 5 near Catania): the failover needs their centres.
const CELLS = ['S-853f5a2bfffffff', 'S-853f5a23fffffff', 'S-853f5a27fffffff'];
const NOW = new Date('2026-05-30T12:00:00Z');
const EXPIRES = new Date('2026-05-30T13:00:00Z');

const message = { id: 'm-1', kind: 'alert', messageIdentifier: 4370, serialNumber: 0x3000, language: 'it', dcs: 0x20, pages: [new Uint8Array(88)], keyId: 1, issueTime: 0, signature: new Uint8Array(64), warningAreaCoordinates: new Uint8Array(0), signsMessageId: null } as unknown as BroadcastMessage;
const companion = { ...message, id: 'c-1', kind: 'companion', signsMessageId: 'm-1', messageIdentifier: 0xa000 } as BroadcastMessage;

class MemoryFailover implements FailoverStore {
  carriers = new Map<string, string>();
  batches: Array<CarriedBatch & { gatewayId: string }> = [];
  // alert/route/batch → cell → delivery status
  cells = new Map<string, Record<string, string>>();
  moves: Array<UnsettledMove & { from: string; settled: boolean; carry: CarryCells[]; carried: boolean }> = [];
  movedElsewhere = new Set<string>();

  async messages() {
    return [message, companion];
  }
  async batchesCarriedBy(gatewayId: string) {
    return this.batches.filter((b) => this.carriers.get(k(b)) === gatewayId);
  }
  async moveBatch(ref: Pick<BatchRef, 'alertId' | 'routeId' | 'batch'>, from: string, to: string, carry: CarryCells[]) {
    if (this.movedElsewhere.has(k(ref)) || this.carriers.get(k(ref)) !== from) return null;
    this.carriers.set(k(ref), to);
    const id = this.moves.length + 1;
    this.moves.push({ id, alertId: ref.alertId, routeId: ref.routeId, batch: ref.batch, toGatewayId: to, from, settled: false, carry, carried: carry.length === 0 });
    return id;
  }
  async uncarriedMoves() {
    return this.moves.filter((m) => !m.carried);
  }
  async markCarried(id: number) {
    for (const m of this.moves) if (m.id === id) m.carried = true;
  }
  async onAirCells(ref: Pick<BatchRef, 'alertId' | 'routeId' | 'batch'>) {
    return Object.entries(this.cells.get(k(ref)) ?? {}).filter(([, s]) => s === 'broadcasting').map(([c]) => c);
  }
  async sentCells(ref: Pick<BatchRef, 'alertId' | 'routeId' | 'batch'>) {
    return Object.entries(this.cells.get(k(ref)) ?? {}).filter(([, s]) => s === 'broadcasting' || s === 'killed').map(([c]) => c);
  }
  async unsettledMovesFrom(gatewayId: string) {
    return this.moves.filter((m) => m.from === gatewayId && !m.settled);
  }
  async settleMoves(ids: number[]) {
    for (const m of this.moves) if (ids.includes(m.id)) m.settled = true;
  }
}
const k = (r: { alertId: string; routeId: string; batch: number }) => `${r.alertId}/${r.routeId}/${r.batch}`;

class RecordingUplink implements UplinkPort {
  submitted: UplinkSubmission[] = [];
  killed: UplinkKill[] = [];
  refuseKillsAt = new Set<string>();
  async submit(s: UplinkSubmission): Promise<UplinkAck> {
    this.submitted.push(s);
    return { submissionId: s.submissionId, gatewayId: s.gatewayId, acceptedAt: NOW, duplicate: false, receipts: s.cellIds.map((cellId): CellReceipt => ({ cellId, status: 'broadcasting', at: NOW })) };
  }
  async cancel(kill: UplinkKill): Promise<UplinkKillAck> {
    if (this.refuseKillsAt.has(kill.gatewayId)) throw Object.assign(new Error('unavailable'), { retryable: true });
    this.killed.push(kill);
    return { killId: kill.killId, duplicate: false, receipts: [] };
  }
}

function setUp(opts: { carrier?: string | null } = {}) {
  const store = new MemoryFailover();
  const uplink = new RecordingUplink();
  const asked: Array<{ candidates: readonly string[]; cells: string[]; start: Date; deadline: Date }> = [];
  const sky: CarrierSky = {
    carrier: (cells, window, candidates) => {
      asked.push({ candidates, cells: cells.map((c) => c.id), start: window.start, deadline: window.deadline });
      const gatewayId = opts.carrier === undefined ? candidates[0] : opts.carrier;
      return { gatewayId, unserved: gatewayId ? [] : cells.map((c) => ({ cellId: c.id, reason: 'no-gateway-in-view' as const })) };
    },
  };
  const requeued: Array<{ batches: BatchRef[]; priority: number }> = [];
  const alert = { id: 'a-1', state: 'broadcasting', capStatus: 'Actual', severity: 'Extreme', level1: false, expiresAt: EXPIRES } as unknown as Alert;
  const alerts = { findAlert: async (id: string) => (id === 'a-1' ? alert : null) } as unknown as AlertStore;
  const sealedTo: string[] = [];
  const failover = new FailoverRoute(
    alerts,
    store,
    sky,
    { requeue: async (queued) => void requeued.push({ batches: queued.map((q) => q.ref), priority: queued[0].priority }) },
    { seal: async (g) => (sealedTo.push(g), { kid: 'k', enc: '', ciphertext: '' }) as never },
    uplink,
    { now: () => NOW },
  );
  return { store, uplink, asked, requeued, failover, sealedTo, alert };
}

function carried(store: MemoryFailover, gatewayId: string, batch: number, status: 'pending' | 'done', cells: Record<string, string>): void {
  const b = { alertId: 'a-1', routeId: 'sat-sud-bg04', batch, status, alertState: 'broadcasting' as const, expiresAt: EXPIRES, cellIds: Object.keys(cells), gatewayId };
  store.batches.push(b);
  store.carriers.set(k(b), gatewayId);
  store.cells.set(k(b), cells);
}

describe('FailoverRoute', () => {
  it("moves a down satellite gateway's batches to a gateway the sky says reaches their cells, queues the pending one again and hands over what was on air", async () => {
    const { store, uplink, asked, requeued, failover, sealedTo } = setUp();
    carried(store, 'sat-sud', 0, 'done', { [CELLS[0]]: 'broadcasting', [CELLS[1]]: 'rejected' });
    carried(store, 'sat-sud', 1, 'pending', { [CELLS[2]]: 'queued' });
    const out = await failover.run('sat-sud', ['sat-nord', 'sat-sud', 'cbc-TIM', 'sat-centro']);

    // Only the other satellite gateways are candidates, over the alert's remaining time.
    expect(asked.map((a) => a.candidates)).toEqual([['sat-nord', 'sat-centro'], ['sat-nord', 'sat-centro']]);
    expect(asked[0]).toMatchObject({ cells: [CELLS[0], CELLS[1]], start: NOW, deadline: EXPIRES });
    expect(out.moved).toEqual([
      { alertId: 'a-1', routeId: 'sat-sud-bg04', batch: 0, status: 'done', to: 'sat-nord' },
      { alertId: 'a-1', routeId: 'sat-sud-bg04', batch: 1, status: 'pending', to: 'sat-nord' },
    ]);
    expect(store.carriers.get('a-1/sat-sud-bg04/0')).toBe('sat-nord');
    // The pending batch goes back on the queue first in its alert's tier (Extreme: 2 × 100,000); its job sends the queued cells.
    expect(requeued).toEqual([{ batches: [{ alertId: 'a-1', routeId: 'sat-sud-bg04', batch: 1, kind: 'broadcast', gatewayId: 'sat-nord' }], priority: 200_000 }]);
    // The cell on air through sat-sud goes on air through sat-nord, sealed to it; the rejected one does not.
    expect(uplink.submitted.map((s) => [s.gatewayId, s.submissionId, s.cellIds, s.repetition.untilEpochSeconds])).toEqual([
      ['sat-nord', 'm-1:sat-sud-bg04:0:carried-by-sat-nord:0', [CELLS[0]], EXPIRES.getTime() / 1000],
    ]);
    expect(sealedTo).toEqual(['sat-nord']);
    expect(out.cellsCarried).toBe(1);
  });

  it('leaves a batch where it is, saying why, when no gateway that is up reaches its cells before expiry', async () => {
    const { store, uplink, failover } = setUp({ carrier: null });
    carried(store, 'sat-sud', 0, 'pending', { [CELLS[0]]: 'queued' });
    const out = await failover.run('sat-sud', ['sat-nord']);
    expect(out.moved).toEqual([]);
    expect(out.stranded).toEqual([{ alertId: 'a-1', routeId: 'sat-sud-bg04', batch: 0, reason: 'no gateway that is up reaches a satellite serving these cells before expiry' }]);
    expect(store.carriers.get('a-1/sat-sud-bg04/0')).toBe('sat-sud');
    expect(uplink.submitted).toEqual([]);
    // No other satellite gateway up at all.
    expect((await failover.run('sat-sud', ['sat-sud', 'cbc-TIM'])).stranded[0].reason).toBe('no other satellite gateway is up');
  });

  it('does nothing for a batch another worker moved first, nor for a terrestrial route', async () => {
    const { store, uplink, requeued, failover } = setUp();
    carried(store, 'sat-sud', 0, 'pending', { [CELLS[0]]: 'broadcasting' });
    store.movedElsewhere.add('a-1/sat-sud-bg04/0');
    expect((await failover.run('sat-sud', ['sat-nord'])).moved).toEqual([]);
    carried(store, 'cbc-TIM', 5, 'pending', { 'T-222-01-1': 'queued' });
    expect(await failover.run('cbc-TIM', ['cbc-Vodafone', 'sat-nord'])).toEqual({ moved: [], stranded: [], cellsCarried: 0, failed: 0 });
    expect([uplink.submitted, requeued]).toEqual([[], []]);
  });
});

describe('FailoverRoute.carryPending', () => {
  it('finishes a hand-over whose first try failed, under the same id, once', async () => {
    const { store, uplink, failover } = setUp();
    carried(store, 'sat-sud', 0, 'done', { [CELLS[0]]: 'broadcasting' });
    const refuse = uplink.submit.bind(uplink);
    uplink.submit = async () => {
      throw Object.assign(new Error('sat-nord over its rate'), { code: 'uplink/rate-limited', retryable: true });
    };
    const out = await failover.run('sat-sud', ['sat-nord']);
    expect([out.moved.length, out.failed, out.cellsCarried]).toEqual([1, 1, 0]);
    // The batch moved all the same; what it had on air was recorded with the move.
    expect(store.carriers.get('a-1/sat-sud-bg04/0')).toBe('sat-nord');
    expect(store.moves[0]).toMatchObject({ carry: [{ messageId: 'm-1', cellIds: [CELLS[0]] }], carried: false });
    uplink.submit = refuse;
    expect(await failover.carryPending()).toEqual({ carried: 1, failed: 0 });
    expect(uplink.submitted.map((s) => [s.gatewayId, s.submissionId])).toEqual([['sat-nord', 'm-1:sat-sud-bg04:0:carried-by-sat-nord:0']]);
    expect(await failover.carryPending()).toEqual({ carried: 0, failed: 0 });
  });

  it('hands nothing over for an alert cancelled or expired before the retry', async () => {
    const { store, uplink, failover, alert } = setUp();
    carried(store, 'sat-sud', 0, 'done', { [CELLS[0]]: 'broadcasting' });
    const send = uplink.submit.bind(uplink);
    uplink.submit = async () => {
      throw new Error('no answer');
    };
    await failover.run('sat-sud', ['sat-nord']);
    uplink.submit = send;
    (alert as { state: string }).state = 'cancelled';
    expect(await failover.carryPending()).toEqual({ carried: 0, failed: 0 });
    expect(uplink.submitted).toEqual([]);
    expect(store.moves[0].carried).toBe(true);
  });
});

describe('SettleReturnedRoute', () => {
  it('tells a gateway back under the same boot to stop every batch that moved away from it, once, companion included', async () => {
    const { store, uplink, failover } = setUp();
    carried(store, 'sat-sud', 0, 'done', { [CELLS[0]]: 'broadcasting', [CELLS[1]]: 'killed', [CELLS[2]]: 'failed' });
    await failover.run('sat-sud', ['sat-nord']);
    const settle = new SettleReturnedRoute(store, uplink);
    expect(await settle.run('sat-sud', false)).toEqual({ moves: 1, cellsStopped: 2, failed: 0 });
    expect(uplink.killed.map((x) => [x.gatewayId, x.killId, x.cellIds, x.companionMessageIdentifier])).toEqual([['sat-sud', 'm-1:sat-sud-bg04:0:left-sat-sud:1', [CELLS[0], CELLS[1]], 0xa000]]);
    // Settled: a second return sends nothing.
    expect(await settle.run('sat-sud', false)).toEqual({ moves: 0, cellsStopped: 0, failed: 0 });
    expect(uplink.killed).toHaveLength(1);
  });

  it('sends no kill to a gateway that restarted empty, and keeps a move unsettled while its kill fails', async () => {
    const { store, uplink, failover } = setUp();
    carried(store, 'sat-sud', 0, 'done', { [CELLS[0]]: 'broadcasting' });
    carried(store, 'sat-centro', 1, 'done', { [CELLS[1]]: 'broadcasting' });
    await failover.run('sat-sud', ['sat-nord']);
    await failover.run('sat-centro', ['sat-nord']);
    const settle = new SettleReturnedRoute(store, uplink);
    expect(await settle.run('sat-sud', true)).toEqual({ moves: 1, cellsStopped: 0, failed: 0 });
    uplink.refuseKillsAt.add('sat-centro');
    expect(await settle.run('sat-centro', false)).toEqual({ moves: 1, cellsStopped: 0, failed: 1 });
    expect(store.moves.map((m) => m.settled)).toEqual([true, false]);
    expect(uplink.killed).toEqual([]);
  });
});
