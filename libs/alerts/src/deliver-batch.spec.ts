import type { CellReceipt, UplinkAck, UplinkKill, UplinkKillAck, UplinkPort, UplinkSubmission } from '@faro/uplink';
import type { Alert } from './alert';
import type { BroadcastMessage } from './broadcast-message';
import { DeliverBatch, type ClaimLease, type DeliveryStore, type GatewaySealer } from './deliver-batch';
import type { BatchRef } from './fanout-ports';
import type { AlertStore, AlertTransaction } from './ports';
import { anAlert } from './testing/alert-fixtures';
import { InMemoryAlertStore } from './testing/in-memory-alert-store';

// DeliverBatch's decisions around a Cancel that meets batches in flight, over in-memory ports.
// The SQL side of the same rules runs in test/cancel-in-flight.int-spec.ts.

type BatchStatus = 'pending' | 'done' | 'failed';
const key = (alertId: string, routeId: string, batch: number) => `${alertId}/${routeId}/${batch}`;

class MemoryDeliveries implements DeliveryStore {
  // holder: the token whose lease holds the batch (a spec lapses it by setting it undefined).
  readonly batches = new Map<string, { status: BatchStatus; claimed: boolean; reason?: string; holder?: string }>();
  renewals = 0;
  // alert/route/batch → cell → status
  readonly cells = new Map<string, Map<string, string>>();
  messageList: BroadcastMessage[] = [];
  companionId: number | null = null;

  addBatch(alertId: string, routeId: string, batch: number, cells: Record<string, string>, status: BatchStatus = 'pending'): void {
    this.batches.set(key(alertId, routeId, batch), { status, claimed: false });
    this.cells.set(key(alertId, routeId, batch), new Map(Object.entries(cells)));
  }
  status(alertId: string, routeId: string, batch: number) {
    return this.batches.get(key(alertId, routeId, batch));
  }
  cellsOf(alertId: string, routeId: string, batch: number) {
    return Object.fromEntries(this.cells.get(key(alertId, routeId, batch)) ?? []);
  }

  async batchStatus(ref: BatchRef) {
    return this.batches.get(key(ref.alertId, ref.routeId, ref.batch))?.status ?? null;
  }
  // Like the SQL store planned 'at-claim': the first claim says which cells it wrote (here: the
  // batch's queued ones), a later one says none. Off, as for a batch whose rows came with the plan.
  writesOnClaim = false;
  queuedReads = 0;
  async claimBatch(ref: BatchRef, lease: ClaimLease) {
    const b = this.batches.get(key(ref.alertId, ref.routeId, ref.batch));
    if (b?.status !== 'pending') return null;
    const first = !b.claimed;
    b.claimed = true;
    const heldElsewhere = b.holder !== undefined;
    if (!heldElsewhere) b.holder = lease.token;
    const { carrier, home } = this.carriers.get(key(ref.alertId, ref.routeId, ref.batch)) ?? { carrier: ref.gatewayId, home: ref.gatewayId };
    const queued = [...(this.cells.get(key(ref.alertId, ref.routeId, ref.batch)) ?? [])].filter(([, s]) => s === 'queued').map(([c]) => c);
    return { carrier, home, written: this.writesOnClaim && first ? queued : null, claimedBefore: !first, heldElsewhere };
  }
  async renewClaim(ref: BatchRef, lease: ClaimLease) {
    if (this.batches.get(key(ref.alertId, ref.routeId, ref.batch))?.holder === lease.token) this.renewals++;
  }
  async releaseClaim(ref: BatchRef, token: string) {
    const b = this.batches.get(key(ref.alertId, ref.routeId, ref.batch));
    if (b?.holder === token) b.holder = undefined;
  }
  async dropBatch(ref: BatchRef, cellReason: string) {
    const b = this.batches.get(key(ref.alertId, ref.routeId, ref.batch));
    if (b?.status !== 'pending') return;
    b.status = 'failed';
    b.reason = cellReason;
    const cells = this.cells.get(key(ref.alertId, ref.routeId, ref.batch))!;
    for (const [c, s] of cells) if (s === 'queued') cells.set(c, `killed: ${cellReason}`);
  }
  async messages() {
    return this.messageList;
  }
  async queuedCells(ref: BatchRef) {
    this.queuedReads++;
    return [...(this.cells.get(key(ref.alertId, ref.routeId, ref.batch)) ?? [])].filter(([, s]) => s === 'queued').map(([c]) => c);
  }
  async liveCells(targetAlertId: string, ref: BatchRef) {
    const cells = this.cells.get(key(targetAlertId, ref.routeId, ref.targetBatch ?? ref.batch)) ?? new Map();
    return [...cells].filter(([, s]) => s === 'broadcasting').map(([cellId]) => ({ cellId, messageIdentifier: 4370, serialNumber: 0x3000, companionMessageIdentifier: this.companionId }));
  }
  async recordReceipts(ref: BatchRef, _m: BroadcastMessage, receipts: CellReceipt[]) {
    const cells = this.cells.get(key(ref.alertId, ref.routeId, ref.batch))!;
    for (const r of receipts) if (cells.get(r.cellId) === 'queued') cells.set(r.cellId, r.status);
  }
  async recordKill(targetAlertId: string, ref: BatchRef, receipts: CellReceipt[]) {
    const cells = this.cells.get(key(targetAlertId, ref.routeId, ref.targetBatch ?? ref.batch))!;
    for (const r of receipts) if (r.status === 'stopped') cells.set(r.cellId, 'killed: cancelled');
  }
  async completeBatch(ref: BatchRef) {
    const b = this.batches.get(key(ref.alertId, ref.routeId, ref.batch));
    if (b?.status === 'pending') b.status = 'done';
  }
  async failBatch(ref: BatchRef, reason: string) {
    const b = this.batches.get(key(ref.alertId, ref.routeId, ref.batch));
    if (b?.status !== 'pending') return;
    b.status = 'failed';
    b.reason = reason;
  }
  async routeCellCount(alertId: string, routeId: string) {
    const cells = new Set<string>();
    for (const [k, batch] of this.cells) if (k.startsWith(`${alertId}/${routeId}/`)) for (const c of batch.keys()) cells.add(c);
    return cells.size;
  }
  async hasPendingBatches(alertId: string) {
    return [...this.batches].some(([k, b]) => k.startsWith(`${alertId}/`) && b.status === 'pending');
  }
  // alert/route/batch → the gateway that carries it after a failover (none: its job's gateway).
  readonly carriers = new Map<string, { carrier: string; home: string }>();
  async carrierOf(ref: BatchRef) {
    return this.carriers.get(key(ref.alertId, ref.routeId, ref.batch)) ?? null;
  }
}

class MemoryUplink implements UplinkPort {
  readonly submitted: UplinkSubmission[] = [];
  readonly killed: UplinkKill[] = [];
  async submit(s: UplinkSubmission): Promise<UplinkAck> {
    this.submitted.push(s);
    const at = new Date(0);
    return { submissionId: s.submissionId, gatewayId: s.gatewayId, acceptedAt: at, duplicate: false, receipts: s.cellIds.map((cellId) => ({ cellId, status: 'broadcasting', at })) };
  }
  // The cells it has on air, when a spec says (else every cell a kill names is stopped).
  onAir: Set<string> | null = null;
  async cancel(k: UplinkKill): Promise<UplinkKillAck> {
    this.killed.push(k);
    return { killId: k.killId, duplicate: false, receipts: k.cellIds.map((cellId) => (this.onAir && !this.onAir.has(cellId) ? { cellId, status: 'rejected', at: new Date(0), reason: 'not on air' } : { cellId, status: 'stopped', at: new Date(0) })) };
  }
}

function alertStore(alerts: Alert[]): AlertStore {
  const byId = new Map(alerts.map((a) => [a.id, a]));
  const tx = {
    findAlertForUpdate: async (id: string) => byId.get(id) ?? null,
    saveAlert: async (a: Alert) => void byId.set(a.id, a),
    audit: async () => undefined,
  } as unknown as AlertTransaction;
  return {
    findAlert: async (id: string) => byId.get(id) ?? null,
    transaction: async <T>(work: (t: AlertTransaction) => Promise<T>) => work(tx),
  } as unknown as AlertStore;
}

const alert = (id: string, state: Alert['state'], referencesAlertId: string | null = null, msgType: Alert['msgType'] = 'Alert') =>
  ({ id, state, msgType, referencesAlertId, version: 1, expiresAt: new Date(3_600_000) }) as Alert;

const message = {
  id: 'm-1',
  alertId: 'target',
  kind: 'alert',
  signsMessageId: null,
  language: 'it',
  messageIdentifier: 4370,
  serialNumber: 0x3000,
  codeCycle: 0,
  dcs: 0x20,
  alphabet: 'gsm7',
  characters: 10,
  groupKeyId: null,
  pages: [new Uint8Array(88)],
  keyId: 1,
  issueTime: 0,
  signature: new Uint8Array(64),
  warningAreaCoordinates: new Uint8Array(0),
} as BroadcastMessage;

// Keeps what it sealed, so a spec can read the envelope the gateway would open.
const sealed: Uint8Array[] = [];
const sealer: GatewaySealer = { seal: async (_g, plaintext) => (sealed.push(plaintext), { kid: 'k', enc: '', ciphertext: '' }) as never };
const companion = {
  ...message,
  id: 'c-1',
  kind: 'companion',
  signsMessageId: 'm-1',
  messageIdentifier: 0xa000,
  dcs: 0x44,
  alphabet: 'data',
  pages: [Uint8Array.from({ length: 88 }, (_, i) => i)],
} as BroadcastMessage;
const clock = { now: () => new Date(0) };
const targetBatch: BatchRef = { alertId: 'target', routeId: 'ter-tim', batch: 0, kind: 'broadcast', gatewayId: 'cbc-tim' };
const killBatch: BatchRef = { alertId: 'cancel', routeId: 'ter-tim', batch: 0, kind: 'kill', gatewayId: 'cbc-tim' };

function setUp(targetState: Alert['state']) {
  const store = new MemoryDeliveries();
  store.messageList = [message];
  const uplink = new MemoryUplink();
  const alerts = alertStore([alert('target', targetState), alert('cancel', 'killing', 'target', 'Cancel')]);
  const deliver = new DeliverBatch(alerts, store, sealer, uplink, clock);
  return { store, uplink, deliver, alerts };
}

describe('DeliverBatch after a failover', () => {
  const satBatch: BatchRef = { alertId: 'target', routeId: 'sat-nord-bg01', batch: 2, kind: 'broadcast', gatewayId: 'sat-nord' };

  it('sends the batch to the gateway that carries it now, sealed to it, under an id that names it', async () => {
    const { store, uplink, deliver } = setUp('broadcasting');
    const seenBy: string[] = [];
    const d = new DeliverBatch(alertStore([alert('target', 'broadcasting')]), store, { seal: async (g, p) => (seenBy.push(g), sealer.seal(g, p, new Uint8Array())) }, uplink, clock);
    store.addBatch('target', 'sat-nord-bg01', 2, { 'S-1': 'queued' });
    store.carriers.set('target/sat-nord-bg01/2', { carrier: 'sat-centro', home: 'sat-nord' });
    await d.run(satBatch, 3);
    expect(uplink.submitted.map((x) => [x.gatewayId, x.submissionId])).toEqual([['sat-centro', 'm-1:sat-nord-bg01:2:via-sat-centro']]);
    expect(seenBy).toEqual(['sat-centro']);
    // Not moved: the id it always had, to its own gateway.
    store.addBatch('target', 'sat-nord-bg01', 3, { 'S-2': 'queued' });
    store.carriers.set('target/sat-nord-bg01/3', { carrier: 'sat-nord', home: 'sat-nord' });
    await deliver.run({ ...satBatch, batch: 3 }, 1);
    expect(uplink.submitted.map((x) => [x.gatewayId, x.submissionId])[1]).toEqual(['sat-nord', 'm-1:sat-nord-bg01:3']);
  });

  it("kills a moved batch's cells at the gateway that carries it now", async () => {
    const { store, uplink, deliver } = setUp('cancelling');
    store.addBatch('target', 'sat-nord-bg01', 0, { 'S-1': 'broadcasting' }, 'done');
    store.carriers.set('target/sat-nord-bg01/0', { carrier: 'sat-sud', home: 'sat-nord' });
    store.addBatch('cancel', 'sat-nord-bg01', 0, {});
    await deliver.run({ alertId: 'cancel', routeId: 'sat-nord-bg01', batch: 0, kind: 'kill', gatewayId: 'sat-nord' }, 1);
    expect(uplink.killed.map((k) => [k.gatewayId, k.killId, k.cellIds])).toEqual([['sat-sud', `cancel:4370:${0x3000}:sat-nord-bg01:0:via-sat-sud`, ['S-1']]]);
  });
});

describe('DeliverBatch around a Cancel', () => {
  it('tells its observer the receipts of a batch and, once every batch is done, that the alert is on air', async () => {
    const store = new MemoryDeliveries();
    store.messageList = [message];
    const told: string[] = [];
    const observer = {
      receipts: (ref: BatchRef, receipts: Array<{ status: string }>) => told.push(`${ref.routeId}: ${receipts.map((r) => r.status).join(',')}`),
      alertOnAir: (a: Alert) => told.push(`on air: ${a.id}`),
    };
    const deliver = new DeliverBatch(alertStore([alert('target', 'broadcasting')]), store, sealer, new MemoryUplink(), clock, undefined, observer);
    store.addBatch('target', 'ter-tim', 0, { 'T-1': 'queued', 'T-2': 'queued' });
    await deliver.run(targetBatch, 1);
    expect(told).toEqual([expect.stringMatching(/^ter-tim: \w+,\w+$/), 'on air: target']);
  });

  it('puts a batch of an alert on air and completes it', async () => {
    const { store, uplink, deliver } = setUp('broadcasting');
    store.addBatch('target', 'ter-tim', 0, { 'T-1': 'queued', 'T-2': 'queued' });
    expect(await deliver.run(targetBatch, 1)).toEqual({ submitted: 2 });
    expect(uplink.submitted.map((s) => s.cellIds)).toEqual([['T-1', 'T-2']]);
    expect(store.status('target', 'ter-tim', 0)).toMatchObject({ status: 'done', claimed: true });
  });

  it("puts a public alert's companion on air in the same submission, to the same cells, and never on its own", async () => {
    const { store, uplink, deliver } = setUp('broadcasting');
    store.messageList = [companion, message];
    store.addBatch('target', 'ter-tim', 0, { 'T-1': 'queued', 'T-2': 'queued' });
    sealed.length = 0;
    expect(await deliver.run(targetBatch, 1)).toEqual({ submitted: 2 });
    expect(uplink.submitted.map((s) => [s.messageIdentifier, s.cellIds])).toEqual([[4370, ['T-1', 'T-2']]]);
    const envelope = JSON.parse(Buffer.from(sealed[0]).toString('utf8'));
    expect(envelope.companion).toEqual({ messageIdentifier: 0xa000, dcs: 0x44, pages: [Buffer.from(companion.pages[0]).toString('hex')] });
    expect(envelope.messageIdentifier).toBe(4370);
  });

  it('gives a gateway that takes plain pages (a CBC over ECBE) the CBS pages unsealed, and seals nothing for it; with how many cells the alert targets on the route in all', async () => {
    const store = new MemoryDeliveries();
    store.messageList = [companion, message];
    const uplink = new (class extends MemoryUplink {
      plainPages = (gatewayId: string) => gatewayId.startsWith('cbc-');
    })();
    const deliver = new DeliverBatch(alertStore([alert('target', 'broadcasting')]), store, sealer, uplink, clock);
    store.addBatch('target', 'ter-tim', 0, { 'T-1': 'queued' });
    store.addBatch('target', 'ter-tim', 1, { 'T-2': 'queued', 'T-3': 'queued' });
    store.addBatch('target', 'sat-nord', 0, { 'S-1': 'queued' });
    sealed.length = 0;
    await deliver.run(targetBatch, 1);
    expect(sealed).toEqual([]);
    expect(uplink.submitted.map((s) => [s.sealed, s.cbs, s.routeCellCount])).toEqual([[undefined, { dcs: 0x20, pages: ['00'.repeat(88)] }, 3]]);
  });

  it('kills the companion with the message it signs, in the same cells', async () => {
    const { store, uplink, deliver } = setUp('cancelling');
    store.companionId = 0xa000;
    store.addBatch('target', 'ter-tim', 0, { 'T-1': 'broadcasting', 'T-2': 'broadcasting' }, 'done');
    store.addBatch('cancel', 'ter-tim', 0, {});
    await deliver.run(killBatch, 1);
    expect(uplink.killed.map((k) => [k.messageIdentifier, k.companionMessageIdentifier, k.cellIds])).toEqual([[4370, 0xa000, ['T-1', 'T-2']]]);
  });

  // The earlier job's submission may still be under way at the gateway (its answer lost, its
  // lease given up): the gateway cannot say the cells are not on air, and nothing is dropped.
  it('drops nothing of a cancelled batch while the gateway is still transmitting it: the job waits and defers', async () => {
    const { store, uplink, deliver } = setUp('cancelling');
    store.addBatch('target', 'ter-tim', 0, { 'T-1': 'queued', 'T-2': 'queued' });
    store.batches.get('target/ter-tim/0')!.claimed = true;
    uplink.cancel = async () => {
      throw Object.assign(new Error('gateway ter-tim is still putting the message on air in T-1'), { code: 'uplink/in-progress', retryable: true });
    };
    await expect(deliver.run(targetBatch, 2)).rejects.toMatchObject({ code: 'uplink/in-progress', retryable: true });
    expect(store.status('target', 'ter-tim', 0)).toMatchObject({ status: 'pending' });
    expect(store.cellsOf('target', 'ter-tim', 0)).toEqual({ 'T-1': 'queued', 'T-2': 'queued' });
    expect(await deliver.giveUp(targetBatch, 'uplink/in-progress: still transmitting', 5, 'uplink/in-progress')).toEqual({ deferred: true });
    expect(store.status('target', 'ter-tim', 0)).toMatchObject({ status: 'pending' });
  });

  it('submits nothing for a batch that is no longer pending', async () => {
    const { store, uplink, deliver } = setUp('broadcasting');
    store.addBatch('target', 'ter-tim', 0, { 'T-1': 'killed: cancelled before transmission' }, 'failed');
    expect(await deliver.run(targetBatch, 2)).toEqual({ submitted: 0 });
    expect(uplink.submitted).toEqual([]);
  });

  it('drops, without submitting, a claimed batch whose alert was cancelled between attempts', async () => {
    const { store, uplink, deliver } = setUp('cancelling');
    store.addBatch('target', 'ter-tim', 0, { 'T-1': 'queued', 'T-2': 'broadcasting' });
    store.batches.get('target/ter-tim/0')!.claimed = true;
    // The gateway never had T-1: it refuses to stop it, and T-1 is dropped as never sent.
    uplink.onAir = new Set(['T-2']);
    expect(await deliver.run(targetBatch, 2)).toEqual({ submitted: 0 });
    expect(uplink.submitted).toEqual([]);
    expect(uplink.killed.map((k) => [k.killId, k.cellIds])).toEqual([['m-1:ter-tim:0:unrecorded', ['T-1']]]);
    expect(store.status('target', 'ter-tim', 0)).toMatchObject({ status: 'failed', reason: 'cancelled before transmission' });
    // What an earlier attempt put on air stays for the kill to stop.
    expect(store.cellsOf('target', 'ter-tim', 0)).toEqual({ 'T-1': 'killed: cancelled before transmission', 'T-2': 'broadcasting' });
  });

  it("leaves a cancelled alert's batch pending while another job holds it, submitting and dropping nothing; drops it once that hold is gone", async () => {
    const { store, uplink, deliver } = setUp('cancelling');
    store.addBatch('target', 'ter-tim', 0, { 'T-1': 'queued', 'T-2': 'queued' });
    // A job whose BullMQ lock lapsed may be transmitting the batch now, its rows still queued.
    store.batches.get('target/ter-tim/0')!.holder = 'earlier-job';
    await expect(deliver.run(targetBatch, 1)).rejects.toMatchObject({ code: 'alert/batch-in-flight' });
    expect(await deliver.giveUp(targetBatch, 'alert/batch-in-flight: held by another job', 6, 'alert/batch-in-flight')).toEqual({ deferred: true });
    expect(uplink.submitted).toEqual([]);
    expect(store.status('target', 'ter-tim', 0)).toMatchObject({ status: 'pending', holder: 'earlier-job' });
    expect(store.cellsOf('target', 'ter-tim', 0)).toEqual({ 'T-1': 'queued', 'T-2': 'queued' });
    // That job finished: its receipts say what went on air, for the Cancel's kill; nothing is left to drop.
    await store.recordReceipts(targetBatch, message, [{ cellId: 'T-1', status: 'broadcasting', at: new Date(0) }]);
    store.batches.get('target/ter-tim/0')!.holder = undefined;
    uplink.onAir = new Set(['T-1']);
    expect(await deliver.run(targetBatch, 1)).toEqual({ submitted: 0 });
    // What that job left queued is asked to stop (the gateway never had it) before the drop.
    expect(uplink.killed.map((k) => k.cellIds)).toEqual([['T-2']]);
    expect(store.status('target', 'ter-tim', 0)).toMatchObject({ status: 'failed', reason: 'cancelled before transmission' });
    expect(store.cellsOf('target', 'ter-tim', 0)).toEqual({ 'T-1': 'broadcasting', 'T-2': 'killed: cancelled before transmission' });
  });

  it('still submits a batch another job holds while its alert is on air, under the same submission id (the gateway transmits it once)', async () => {
    const { store, uplink, deliver } = setUp('broadcasting');
    store.addBatch('target', 'ter-tim', 0, { 'T-1': 'queued' });
    store.batches.get('target/ter-tim/0')!.holder = 'earlier-job';
    expect(await deliver.run(targetBatch, 1)).toEqual({ submitted: 1 });
    expect(uplink.submitted.map((x) => x.submissionId)).toEqual(['m-1:ter-tim:0']);
    expect(store.status('target', 'ter-tim', 0)).toMatchObject({ status: 'done', holder: 'earlier-job' });
  });

  it('gives its hold up when it fails, so that its retry need not wait for the lease; renews it while it transmits', async () => {
    const store = new MemoryDeliveries();
    store.messageList = [message];
    const uplink = new MemoryUplink();
    const submit = uplink.submit.bind(uplink);
    let calls = 0;
    // The first submission fails after 150 ms; the second takes 150 ms. The lease, 30 ms, is renewed every 10.
    uplink.submit = async (x) => (await new Promise((r) => setTimeout(r, 150)), ++calls === 1 ? Promise.reject(new Error('link down')) : submit(x));
    const deliver = new DeliverBatch(alertStore([alert('target', 'broadcasting')]), store, sealer, uplink, clock, undefined, undefined, 30);
    store.addBatch('target', 'ter-tim', 0, { 'T-1': 'queued' });
    await expect(deliver.run(targetBatch, 1)).rejects.toThrow('link down');
    expect(store.status('target', 'ter-tim', 0)).toMatchObject({ status: 'pending', holder: undefined });
    const renewedWhileFailing = store.renewals;
    expect(renewedWhileFailing).toBeGreaterThanOrEqual(2);
    expect(await deliver.run(targetBatch, 2)).toEqual({ submitted: 1 });
    expect(store.renewals).toBeGreaterThan(renewedWhileFailing);
    // Stopped with the job: no renewal after it.
    const after = store.renewals;
    await new Promise((r) => setTimeout(r, 50));
    expect(store.renewals).toBe(after);
  });

  it('stops at its carrier, before dropping it, what an earlier job of a cancelled batch put on air without recording it', async () => {
    const { store, uplink, deliver } = setUp('cancelling');
    store.companionId = 0xa000;
    store.messageList = [companion, message];
    store.addBatch('target', 'sat-nord-bg01', 0, { 'S-1': 'queued', 'S-2': 'queued' });
    // An earlier job claimed it, put S-1 on air at the gateway that now carries it, and died before recording it.
    store.batches.get('target/sat-nord-bg01/0')!.claimed = true;
    store.carriers.set('target/sat-nord-bg01/0', { carrier: 'sat-sud', home: 'sat-nord' });
    uplink.onAir = new Set(['S-1']);
    const ref: BatchRef = { alertId: 'target', routeId: 'sat-nord-bg01', batch: 0, kind: 'broadcast', gatewayId: 'sat-nord' };
    expect(await deliver.run(ref, 1)).toEqual({ submitted: 0 });
    expect(uplink.submitted).toEqual([]);
    expect(uplink.killed.map((k) => [k.gatewayId, k.killId, k.alertId, k.messageIdentifier, k.companionMessageIdentifier, k.cellIds])).toEqual([
      ['sat-sud', 'm-1:sat-nord-bg01:0:unrecorded:via-sat-sud', 'target', 4370, 0xa000, ['S-1', 'S-2']],
    ]);
    // S-1 was on air: killed as the Cancel's kill would have. S-2 never was.
    expect(store.cellsOf('target', 'sat-nord-bg01', 0)).toEqual({ 'S-1': 'killed: cancelled', 'S-2': 'killed: cancelled before transmission' });
    expect(store.status('target', 'sat-nord-bg01', 0)).toMatchObject({ status: 'failed', reason: 'cancelled before transmission' });
  });

  it('asks the gateway to stop nothing for a batch claimed the first time, or of an alert replaced or expired', async () => {
    for (const [state, claimedBefore, reason] of [['cancelling', false, 'cancelled'], ['updated', true, 'replaced'], ['expired', true, 'expired']] as const) {
      const { store, uplink, deliver } = setUp(state);
      store.addBatch('target', 'ter-tim', 0, { 'T-1': 'queued' });
      store.batches.get('target/ter-tim/0')!.claimed = claimedBefore;
      await deliver.run(targetBatch, 1);
      expect([state, uplink.killed, store.cellsOf('target', 'ter-tim', 0)]).toEqual([state, [], { 'T-1': `killed: ${reason} before transmission` }]);
    }
  });

  it('says replaced for a batch of an alert an Update took over', async () => {
    const { store, deliver } = setUp('updated');
    store.addBatch('target', 'ter-tim', 0, { 'T-1': 'queued' });
    await deliver.run(targetBatch, 2);
    expect(store.status('target', 'ter-tim', 0)).toMatchObject({ status: 'failed', reason: 'replaced before transmission' });
  });

  it('refuses to kill while the target batch is still being transmitted, and kills nothing', async () => {
    const { store, uplink, deliver, alerts } = setUp('cancelling');
    store.addBatch('target', 'ter-tim', 0, { 'T-1': 'broadcasting', 'T-2': 'queued' });
    store.addBatch('cancel', 'ter-tim', 0, {});
    await expect(deliver.run(killBatch, 1)).rejects.toMatchObject({
      code: 'alert/target-in-flight',
      message: 'batch 0 of alert target on ter-tim is still being transmitted',
    });
    expect(uplink.killed).toEqual([]);
    expect(store.status('cancel', 'ter-tim', 0)?.status).toBe('pending');
    expect((await alerts.findAlert('cancel'))?.state).toBe('killing');
    expect((await alerts.findAlert('target'))?.state).toBe('cancelling');
  });

  it('kills every cell on air once the target batch is done, then marks the Cancel done and its target cancelled', async () => {
    const { store, uplink, deliver, alerts } = setUp('cancelling');
    store.addBatch('target', 'ter-tim', 0, { 'T-1': 'broadcasting', 'T-2': 'broadcasting', 'T-3': 'rejected' }, 'done');
    store.addBatch('cancel', 'ter-tim', 0, {});
    expect(await deliver.run(killBatch, 1)).toEqual({ submitted: 2 });
    expect(uplink.killed.map((k) => [k.alertId, k.serialNumber, k.cellIds])).toEqual([['target', 0x3000, ['T-1', 'T-2']]]);
    expect(store.cellsOf('target', 'ter-tim', 0)).toEqual({ 'T-1': 'killed: cancelled', 'T-2': 'killed: cancelled', 'T-3': 'rejected' });
    expect(store.status('cancel', 'ter-tim', 0)?.status).toBe('done');
    expect((await alerts.findAlert('cancel'))?.state).toBe('done');
    expect((await alerts.findAlert('target'))?.state).toBe('cancelled');
  });

  it('keeps the target cancelling until the last of its kill batches is finished', async () => {
    const { store, deliver, alerts } = setUp('cancelling');
    store.addBatch('target', 'ter-tim', 0, { 'T-1': 'broadcasting' }, 'done');
    store.addBatch('target', 'ter-tim', 1, { 'T-2': 'broadcasting' }, 'done');
    store.addBatch('cancel', 'ter-tim', 0, {});
    store.addBatch('cancel', 'ter-tim', 1, {});
    await deliver.run(killBatch, 1);
    expect([(await alerts.findAlert('cancel'))?.state, (await alerts.findAlert('target'))?.state]).toEqual(['killing', 'cancelling']);
    await deliver.run({ ...killBatch, batch: 1 }, 1);
    expect([(await alerts.findAlert('cancel'))?.state, (await alerts.findAlert('target'))?.state]).toEqual(['done', 'cancelled']);
  });

  it('leaves a kill pending when its retries run out while the target is still in flight', async () => {
    const { store, deliver } = setUp('cancelling');
    store.addBatch('target', 'ter-tim', 0, { 'T-1': 'queued' });
    store.addBatch('cancel', 'ter-tim', 0, {});
    expect(await deliver.giveUp(killBatch, 'alert/target-in-flight: still being transmitted', 6)).toEqual({ deferred: true });
    expect(store.status('cancel', 'ter-tim', 0)?.status).toBe('pending');
  });

  it('leaves a batch pending, not failed, when its retries run out while the gateway is still transmitting its submission', async () => {
    const { store, deliver } = setUp('broadcasting');
    store.addBatch('target', 'ter-tim', 0, { 'T-1': 'queued' });
    expect(await deliver.giveUp(targetBatch, 'uplink/in-progress: being transmitted already', 6, 'uplink/in-progress')).toEqual({ deferred: true });
    expect(store.status('target', 'ter-tim', 0)?.status).toBe('pending');
    expect(store.cellsOf('target', 'ter-tim', 0)).toEqual({ 'T-1': 'queued' });
  });

  it('fails a kill whose retries run out for another reason once the target is done, and finishes the Cancel', async () => {
    const { store, deliver, alerts } = setUp('cancelling');
    store.addBatch('target', 'ter-tim', 0, { 'T-1': 'broadcasting' }, 'done');
    store.addBatch('cancel', 'ter-tim', 0, {});
    expect(await deliver.giveUp(killBatch, 'uplink/transient: link down', 6)).toEqual({ deferred: false });
    expect(store.status('cancel', 'ter-tim', 0)).toMatchObject({ status: 'failed', reason: 'uplink/transient: link down' });
    // Nothing more will try: the Cancel is done; the cell still on air is what its kills list shows.
    expect((await alerts.findAlert('cancel'))?.state).toBe('done');
    expect(store.cellsOf('target', 'ter-tim', 0)).toEqual({ 'T-1': 'broadcasting' });
  });
});

describe('DeliverBatch putting an alert on air', () => {
  const expiresAt = new Date('2026-12-06T16:00:00.000Z');

  function onAir(alerts = [anAlert({ id: 'target', state: 'broadcasting', expiresAt })]) {
    const store = new MemoryDeliveries();
    store.messageList = [message];
    const uplink = new MemoryUplink();
    const memory = new InMemoryAlertStore(alerts);
    const deliver = new DeliverBatch(memory, store, sealer, uplink, clock, { periodSeconds: 30 });
    return { store, uplink, memory, deliver };
  }

  it('makes the alert active when its last batch is finished, not before, audited as the fan-out', async () => {
    const { store, memory, deliver } = onAir();
    store.addBatch('target', 'ter-tim', 0, { 'T-1': 'queued' });
    store.addBatch('target', 'ter-tim', 1, { 'T-2': 'queued' });
    await deliver.run(targetBatch, 1);
    expect(memory.alerts.get('target')?.state).toBe('broadcasting');
    await deliver.run({ ...targetBatch, batch: 1 }, 1);
    expect(memory.alerts.get('target')?.state).toBe('active');
    expect(memory.trail.map((e) => [e.actor, e.action, e.details.reason])).toEqual([['system:fanout', 'alert.active', 'every batch finished']]);
  });

  it('submits on a retry only the cells still queued, under the same submission id, so the gateway never repeats a cell', async () => {
    const { store, uplink, deliver } = onAir();
    store.addBatch('target', 'ter-tim', 0, { 'T-1': 'broadcasting', 'T-2': 'queued' });
    await deliver.run(targetBatch, 2);
    expect(uplink.submitted.map((x) => [x.submissionId, x.cellIds])).toEqual([['m-1:ter-tim:0', ['T-2']]]);
  });

  it('submits the cells its claim wrote without reading them back, and reads what is still queued on a retry', async () => {
    const { store, uplink, deliver } = onAir();
    store.writesOnClaim = true;
    store.addBatch('target', 'ter-tim', 0, { 'T-1': 'queued', 'T-2': 'queued' });
    // The gateway fails the first attempt after nothing was recorded: the retry claims again.
    const submit = uplink.submit.bind(uplink);
    let calls = 0;
    uplink.submit = async (x) => (++calls === 1 ? Promise.reject(new Error('link down')) : submit(x));
    await expect(deliver.run(targetBatch, 1)).rejects.toThrow('link down');
    expect(store.queuedReads).toBe(0);
    await deliver.run(targetBatch, 2);
    expect([store.queuedReads, uplink.submitted.map((x) => x.cellIds)]).toEqual([1, [['T-1', 'T-2']]]);
  });

  it('asks the gateway to repeat the message at the configured period until the alert expires', async () => {
    const { store, uplink, deliver } = onAir();
    store.addBatch('target', 'ter-tim', 0, { 'T-1': 'queued' });
    await deliver.run(targetBatch, 1);
    expect(uplink.submitted[0].repetition).toEqual({ periodSeconds: 30, untilEpochSeconds: expiresAt.getTime() / 1000 });
  });

  it("stops, for an Update's kill batch, the replaced alert's cells of the batch it names", async () => {
    const { store, uplink, deliver } = onAir([anAlert({ id: 'target', state: 'updated' }), anAlert({ id: 'upd', msgType: 'Update', state: 'broadcasting', referencesAlertId: 'target' })]);
    store.addBatch('target', 'ter-tim', 2, { 'T-1': 'broadcasting', 'T-2': 'broadcasting' }, 'done');
    store.addBatch('upd', 'ter-tim', 0, {});
    const kill: BatchRef = { alertId: 'upd', routeId: 'ter-tim', batch: 0, kind: 'kill', gatewayId: 'cbc-tim', targetBatch: 2 };
    expect(await deliver.run(kill, 1)).toEqual({ submitted: 2 });
    expect(uplink.killed.map((k) => [k.alertId, k.cellIds, k.killId])).toEqual([['target', ['T-1', 'T-2'], `upd:4370:${0x3000}:ter-tim:0`]]);
  });

  it('fails a broadcast batch whose retries run out, and still makes the alert active once nothing is pending', async () => {
    const { store, memory, deliver } = onAir();
    store.addBatch('target', 'ter-tim', 0, { 'T-1': 'queued' });
    expect(await deliver.giveUp(targetBatch, 'uplink/transient: link down', 6)).toEqual({ deferred: false });
    expect(store.status('target', 'ter-tim', 0)).toMatchObject({ status: 'failed', reason: 'uplink/transient: link down' });
    expect(memory.alerts.get('target')?.state).toBe('active');
  });

  it('refuses a claimed batch of an alert that does not exist', async () => {
    const { store, uplink, deliver } = onAir([]);
    store.addBatch('target', 'ter-tim', 0, { 'T-1': 'queued' });
    await expect(deliver.run(targetBatch, 1)).rejects.toMatchObject({ code: 'alert/not-found' });
    expect(uplink.submitted).toEqual([]);
  });
});
