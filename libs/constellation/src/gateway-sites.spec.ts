import { formatGatewaySites, parseGatewaySites } from './gateway-sites';
import { DEFAULT_GATEWAYS } from './ground-point';

describe('parseGatewaySites', () => {
  it('reads back the default sites from their configuration text', () => {
    expect(parseGatewaySites(formatGatewaySites(DEFAULT_GATEWAYS))).toEqual(DEFAULT_GATEWAYS);
  });

  it.each([
    ['gw-a:9.4:45.4', 'is not id:lon:lat:maskDeg'],
    ['GW:9.4:45.4:25', 'is not id:lon:lat:maskDeg'],
    ['gw-a:190:45.4:25', 'needs lon in [-180, 180]'],
    ['gw-a:9.4:45.4:90', 'a mask in [0, 90)'],
    ['gw-a:9.4:45.4:x', 'a mask in [0, 90)'],
    ['gw-a:9:45:25,gw-a:10:44:25', 'named twice'],
    [' , ', 'no gateway site'],
  ])('refuses %j, naming why', (text, why) => {
    expect(() => parseGatewaySites(text)).toThrow(expect.objectContaining({ code: 'constellation/bad-option', message: expect.stringContaining(why) }));
  });
});
