import type { UplinkAck, UplinkPort, UplinkSubmission } from '@faro/uplink';
import type { BroadcastMessage } from './broadcast-message';
import type { GatewaySealer } from './deliver-batch';
import { cellsToRestore, RestoreRoute, stillOnAir, type OnAirCell, type RecoveryStore } from './restore-route';
import { anAlert, fixedClock } from './testing/alert-fixtures';
import { InMemoryAlertStore } from './testing/in-memory-alert-store';

const NOW = new Date('2026-12-06T10:00:00.000Z');
const LATER = new Date('2026-12-06T16:00:00.000Z');
const cell = (alertId: string, alertState: OnAirCell['alertState'], cellId: string, over: Partial<OnAirCell> = {}): OnAirCell => ({
  alertId, alertState, expiresAt: LATER, messageId: `${alertId}-m`, routeId: 'sat-nord', cellId, ...over,
});

describe('cellsToRestore (which alerts return on air on a route that came back)', () => {
  it('returns an active or broadcasting alert, not expired, in its cells of that route', () => {
    const groups = cellsToRestore([cell('a', 'active', 'S-2'), cell('a', 'active', 'S-1'), cell('b', 'broadcasting', 'S-3'), cell('a', 'active', 'S-1')], NOW);
    expect(groups).toEqual([
      { alertId: 'a', messageId: 'a-m', routeId: 'sat-nord', cellIds: ['S-1', 'S-2'] },
      { alertId: 'b', messageId: 'b-m', routeId: 'sat-nord', cellIds: ['S-3'] },
    ]);
  });

  it('leaves off cancelled, cancelling, replaced and expired alerts, and one whose expiry has passed', () => {
    const off = (['cancelled', 'cancelling', 'updated', 'expired', 'done', 'killing', 'approved', 'draft'] as const).map((s, i) => cell(`x${i}`, s as OnAirCell['alertState'], 'S-1'));
    expect(cellsToRestore([...off, cell('late', 'active', 'S-1', { expiresAt: NOW })], NOW)).toEqual([]);
  });

  it('keeps each message and route apart', () => {
    const groups = cellsToRestore([cell('a', 'active', 'S-1', { messageId: 'fr' }), cell('a', 'active', 'S-1', { messageId: 'it' }), cell('a', 'active', 'S-1', { routeId: 'sat-sud' })], NOW);
    expect(groups.map((g) => [g.messageId, g.routeId])).toEqual([['fr', 'sat-nord'], ['it', 'sat-nord'], ['a-m', 'sat-sud']]);
  });
});

describe('stillOnAir (whether a CBC that lost an alert gets it again)', () => {
  const now = new Date('2026-05-30T12:00:00Z');
  const later = new Date('2026-05-30T13:00:00Z');
  it('holds for a broadcasting or active alert not yet expired, and for nothing cancelled, replaced or expired', () => {
    expect(stillOnAir({ state: 'active', expiresAt: later }, now)).toBe(true);
    expect(stillOnAir({ state: 'broadcasting', expiresAt: later }, now)).toBe(true);
    expect(stillOnAir({ state: 'active', expiresAt: now }, now)).toBe(false);
    for (const state of ['cancelled', 'updated', 'expired', 'killing'] as const) expect(stillOnAir({ state: state as never, expiresAt: later }, now)).toBe(false);
  });
});

describe('RestoreRoute', () => {
  const message = (alertId: string): BroadcastMessage =>
    ({
      id: `${alertId}-m`, alertId, kind: 'alert', signsMessageId: null, language: 'it', messageIdentifier: 4370, serialNumber: 0x3000, codeCycle: 0, dcs: 0x20, alphabet: 'gsm7',
      characters: 10, groupKeyId: null, pages: [new Uint8Array(88)], keyId: 1, issueTime: 0, signature: new Uint8Array(64), warningAreaCoordinates: new Uint8Array(0),
    }) as BroadcastMessage;
  const sealer: GatewaySealer = { seal: async () => ({ kid: 'k', enc: '', ciphertext: '' }) as never };

  function setup(cells: OnAirCell[], alerts = [anAlert({ id: 'a', state: 'active', expiresAt: LATER }), anAlert({ id: 'c', state: 'cancelled', expiresAt: LATER })]) {
    const sent: UplinkSubmission[] = [];
    let failNext = false;
    const uplink: UplinkPort = {
      submit: async (s) => {
        if (failNext) {
          failNext = false;
          throw Object.assign(new Error('down'), { code: 'uplink/transient', retryable: true });
        }
        sent.push(s);
        return { submissionId: s.submissionId, gatewayId: s.gatewayId, acceptedAt: NOW, receipts: [], duplicate: false } satisfies UplinkAck;
      },
      cancel: async () => {
        throw new Error('no kill in a recovery');
      },
    };
    const asked: Date[] = [];
    const store: RecoveryStore = { onAirThrough: async (_g, _now, before) => (asked.push(before), cells), messages: async (id) => [message(id)] };
    const restore = new RestoreRoute(new InMemoryAlertStore(alerts), store, sealer, uplink, fixedClock(NOW.toISOString()), { periodSeconds: 30 });
    return { restore, sent, asked, fail: () => void (failNext = true) };
  }

  it("re-submits what is still due under ids of the gateway's new boot, with the alert's expiry, and nothing of a cancelled alert", async () => {
    const { restore, sent, asked } = setup([cell('a', 'active', 'S-1'), cell('a', 'active', 'S-2'), cell('c', 'active', 'S-1')]);
    const out = await restore.run('sat-nord', 'boot-2', NOW);
    // Only cells recorded before the restart was seen: later ones went to the new epoch already.
    expect(asked).toEqual([NOW]);
    // 'c' was read as active but is cancelled by the time it is re-read: it stays off.
    expect(out).toEqual({ alerts: ['a'], cells: 2, submissions: 1, failed: 0 });
    expect(sent).toEqual([expect.objectContaining({ submissionId: 'a-m:sat-nord:boot-boot-2:0', gatewayId: 'sat-nord', alertId: 'a', cellIds: ['S-1', 'S-2'], repetition: { periodSeconds: 30, untilEpochSeconds: LATER.getTime() / 1000 } })]);
    const again = await restore.run('sat-nord', 'boot-2', NOW);
    // Same boot, same ids: the gateway would acknowledge, not transmit; another boot is a new request.
    expect(again.submissions).toBe(1);
    expect(sent[1].submissionId).toBe(sent[0].submissionId);
    await restore.run('sat-nord', 'boot-3', NOW);
    expect(sent[2].submissionId).not.toBe(sent[0].submissionId);
  });

  it('counts a submission the gateway did not take as failed, so the caller tries again', async () => {
    const { restore, sent, fail } = setup([cell('a', 'active', 'S-1')]);
    fail();
    const errors: string[] = [];
    expect(await restore.run('sat-nord', 'boot-2', NOW, (id) => errors.push(id))).toEqual({ alerts: [], cells: 0, submissions: 0, failed: 1 });
    expect(errors).toEqual(['a']);
    expect((await restore.run('sat-nord', 'boot-2', NOW)).failed).toBe(0);
    expect(sent).toHaveLength(1);
  });

  it('re-submits nothing on a route whose alerts are all off the air', async () => {
    const { restore, sent } = setup([cell('c', 'cancelled', 'S-1'), cell('a', 'active', 'S-1', { expiresAt: NOW })]);
    expect(await restore.run('sat-nord', 'boot-2', NOW)).toEqual({ alerts: [], cells: 0, submissions: 0, failed: 0 });
    expect(sent).toEqual([]);
  });
});
