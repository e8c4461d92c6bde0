import { GatewayBoots, recoverySubmissionId } from './gateway-boots';

describe('GatewayBoots', () => {
  it('learns the first boot id, keeps quiet while it stays, and reports a restart when it changes', () => {
    const boots = new GatewayBoots();
    expect(boots.observe('sat-nord', 'b1')).toBe('first');
    expect(boots.observe('sat-nord', 'b1')).toBe('same');
    expect(boots.observe('sat-sud', 'b1')).toBe('first');
    expect(boots.observe('sat-nord', 'b2')).toBe('restarted');
    expect(boots.bootOf('sat-nord')).toBe('b2');
    expect(boots.observe('sat-nord', 'b2')).toBe('same');
    expect(boots.observe('sat-sud', 'b1')).toBe('same');
  });

  it('never reports a restart for a gateway that names no boot id', () => {
    const boots = new GatewayBoots();
    expect(boots.observe('t-1', undefined)).toBe('same');
    expect(boots.observe('t-1', '')).toBe('same');
    expect(boots.observe('t-1', 'b1')).toBe('first');
    expect(boots.observe('t-1', undefined)).toBe('same');
    expect(boots.observe('t-1', 'b1')).toBe('same');
  });

  it('gives a re-submission one id per message, route and boot', () => {
    expect(recoverySubmissionId('m1', 'r1', 'b2')).toBe(recoverySubmissionId('m1', 'r1', 'b2'));
    expect(recoverySubmissionId('m1', 'r1', 'b2')).not.toBe(recoverySubmissionId('m1', 'r1', 'b3'));
    expect(recoverySubmissionId('m1', 'r1', 'b2')).not.toBe('m1:r1:0');
  });
});
