import { assembleTextMessage, encodeBroadcastText } from '@faro/cell-broadcast';
import { InMemoryCbcStateStore } from './cbc-state-store';
import { EcbeCbcSimulator } from './ecbe-cbc-simulator';
import { EcbeCbcAdapter, type TerrestrialAck } from './ecbe-cbc-adapter';
import { cellReceiptsOf, RoutedUplink } from './terrestrial-uplink';
import type { UplinkAck, UplinkKillAck, UplinkPort, UplinkSubmission } from './uplink-port';

const AT = new Date('2026-05-30T12:00:00Z');

const ack = (receipts: TerrestrialAck['receipts']): TerrestrialAck => ({ receipts, cbcs: [] });

describe('cellReceiptsOf', () => {
  it('maps accepted to broadcasting, unconfirmed to broadcasting with the reason kept, rejected to rejected with the CBC reason', () => {
    const receipts = cellReceiptsOf(
      ack([
        { cellId: 'T-1', cbcId: 'cbc-a', status: 'accepted', retryable: false },
        { cellId: 'T-2', cbcId: 'cbc-a', status: 'unconfirmed', retryable: true, reason: 'cbc-a: no peer acknowledged the message in time' },
        { cellId: 'T-3', cbcId: 'cbc-b', status: 'rejected', retryable: false, reason: "cbc-b 400: 'pages' array size out of range" },
        { cellId: 'T-4', cbcId: null, status: 'rejected', retryable: false, reason: 'no terrestrial CBC serves this cell' },
      ]),
      AT,
      'submission s-1',
    );
    expect(receipts).toEqual([
      { cellId: 'T-1', status: 'broadcasting', at: AT },
      { cellId: 'T-2', status: 'broadcasting', at: AT, reason: 'unconfirmed: cbc-a: no peer acknowledged the message in time' },
      { cellId: 'T-3', status: 'rejected', at: AT, reason: "cbc-b 400: 'pages' array size out of range" },
      { cellId: 'T-4', status: 'rejected', at: AT, reason: 'no terrestrial CBC serves this cell' },
    ]);
  });

  it('maps stopped to stopped, keeping why nothing was deleted', () => {
    expect(cellReceiptsOf(ack([{ cellId: 'T-1', cbcId: 'cbc-a', status: 'stopped', retryable: false, reason: 'cbc-a held no message 4370' }]), AT, 'kill k-1')).toEqual([
      { cellId: 'T-1', status: 'stopped', at: AT, reason: 'cbc-a held no message 4370' },
    ]);
  });

  it('fails the whole submission with a retryable uplink/transient error when a cell failed', () => {
    const run = () =>
      cellReceiptsOf(
        ack([
          { cellId: 'T-1', cbcId: 'cbc-a', status: 'accepted', retryable: false },
          { cellId: 'T-2', cbcId: 'cbc-b', status: 'failed', retryable: true, reason: 'ECBE POST http://cbc-b/api/ecbe/v1/message: unreachable' },
        ]),
        AT,
        'submission s-1 to cbc-b',
      );
    expect(run).toThrow(expect.objectContaining({ code: 'uplink/transient', retryable: true, message: 'submission s-1 to cbc-b: ECBE POST http://cbc-b/api/ecbe/v1/message: unreachable' }));
  });
});

describe('RoutedUplink', () => {
  const calls: string[] = [];
  const gatewayProtocol: UplinkPort = {
    submit: async (s) => (calls.push(`gateway ${s.gatewayId}`), { submissionId: s.submissionId, gatewayId: s.gatewayId, acceptedAt: AT, receipts: [], duplicate: false }) as UplinkAck,
    cancel: async (k) => (calls.push(`gateway kill ${k.gatewayId}`), { killId: k.killId, receipts: [], duplicate: false }) as UplinkKillAck,
  };
  const routed = new RoutedUplink(gatewayProtocol, new EcbeCbcAdapter([], { now: () => AT }, { store: new InMemoryCbcStateStore() }), () => AT);
  const base: Omit<UplinkSubmission, 'gatewayId'> = { submissionId: 's-1', routeId: 'r', alertId: 'a', messageIdentifier: 4370, serialNumber: 1, cellIds: ['T-1'], repetition: { periodSeconds: 60, count: 1 } };

  it('asks for the pages unsealed for a CBC only', () => {
    expect([routed.plainPages('cbc-TIM'), routed.plainPages('sat-nord')]).toEqual([true, false]);
  });

  it('sends satellite gateways through the gateway protocol, sealed, as before', async () => {
    calls.length = 0;
    await routed.submit({ ...base, gatewayId: 'sat-nord', sealed: { kid: 'k' } as never });
    await routed.cancel({ killId: 'k-1', gatewayId: 'sat-nord', routeId: 'r', alertId: 'a', messageIdentifier: 4370, serialNumber: 1, cellIds: ['S-1'] });
    expect(calls).toEqual(['gateway sat-nord', 'gateway kill sat-nord']);
  });

  it('refuses a CBC submission without pages, never sending it through the gateway protocol', async () => {
    calls.length = 0;
    await expect(routed.submit({ ...base, gatewayId: 'cbc-TIM', sealed: { kid: 'k' } as never })).rejects.toMatchObject({ code: 'uplink/rejected', retryable: false });
    expect(calls).toEqual([]);
  });

  it("asks a CBC only when the route's count of the alert's cells is all of the CBC's, and never without that count", async () => {
    const sim = new EcbeCbcSimulator({ ackDelayMs: 0, deleteDelayMs: 0 });
    const transport = {
      post: async (m: unknown) => {
        const a = await sim.handle('POST', '/api/ecbe/v1/message', JSON.stringify(m));
        return { status: a.status, body: a.text };
      },
      delete: async () => ({ status: 404, body: '' }),
      probe: async () => ({ status: 404, body: '' }),
    };
    const cbcRouted = new RoutedUplink(gatewayProtocol, new EcbeCbcAdapter([{ id: 'cbc-tim', cells: new Set(['T-1', 'T-2']), transport }], { now: () => AT }), () => AT);
    const encoded = encodeBroadcastText('Prova', 'it');
    const serialNumber = 0x3000;
    const pages = assembleTextMessage({ messageIdentifier: 4370, serialNumber, encoded }).map((p) => Buffer.from(p).toString('hex'));
    const s: UplinkSubmission = { ...base, gatewayId: 'cbc-tim', serialNumber, cbs: { dcs: encoded.dcs, pages }, repetition: { periodSeconds: 60, untilEpochSeconds: AT.getTime() / 1000 + 600 } };
    const statuses = async (routeCellCount?: number) => (await cbcRouted.submit({ ...s, ...(routeCellCount === undefined ? {} : { routeCellCount }) })).receipts.map((r) => r.status);
    expect(await statuses()).toEqual(['rejected']);
    expect(await statuses(1)).toEqual(['rejected']);
    expect(sim.requests).toEqual([]);
    expect(await statuses(2)).toEqual(['broadcasting']);
    expect(sim.requests.map((r) => r.status)).toEqual([201]);
  });
});
