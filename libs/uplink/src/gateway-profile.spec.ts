import { defaultGatewayProfiles, unservableCellReason, type GatewayKeyResolver } from './gateway-profile';

const KEY: GatewayKeyResolver = async () => new Uint8Array(32);

describe('gateway profiles', () => {
  it('gives satellite gateways LEO-plus-ground-segment latency and terrestrial CBCs core-network latency', () => {
    const [satellite, terrestrial] = defaultGatewayProfiles({ 'sat-eu-1': KEY, 'cbc-tim': KEY });
    expect(satellite).toMatchObject({ gatewayId: 'sat-eu-1', kind: 'satellite', latencyMs: { min: 30, max: 120 }, privateKeyFor: KEY });
    expect(terrestrial).toMatchObject({ gatewayId: 'cbc-tim', kind: 'terrestrial', latencyMs: { min: 5, max: 40 } });
  });

  it('takes a 200,000-cell national alert through any default gateway in seconds, not minutes', () => {
    for (const profile of defaultGatewayProfiles({ 'sat-eu-1': KEY, 'cbc-tim': KEY })) {
      const seconds = 200_000 / profile.capacityCellsPerSecond;
      expect(seconds).toBeGreaterThanOrEqual(1);
      expect(seconds).toBeLessThanOrEqual(10);
      expect(profile.transientFailureRate).toBe(0.01);
    }
  });

  it('refuses a gateway id that names no kind', () => {
    expect(() => defaultGatewayProfiles({ 'gw-1': KEY })).toThrow(
      new RangeError("gateway id 'gw-1' names no kind: start it with 'sat-' or 'cbc-'"),
    );
  });

  it('serves satellite cells from satellite gateways and terrestrial cells from CBCs only', () => {
    expect(unservableCellReason('satellite', 'S-IT-0042')).toBeUndefined();
    expect(unservableCellReason('terrestrial', 'T-222-01-4711')).toBeUndefined();
    expect(unservableCellReason('terrestrial', 'S-IT-0042')).toBe("a terrestrial gateway serves only 'T-' cells");
    expect(unservableCellReason('satellite', 'T-222-01-4711')).toBe("a satellite gateway serves only 'S-' cells");
  });
});
