import { FAILURE_CAUSES, failureCause } from './failure-cause';

// Reasons as the platform stores them (apps/worker UplinkProcessor, libs/uplink, libs/alerts
// notTransmittedReason, libs/persistence SqlFanoutStore), each with the cause an auditor counts.
const STORED: Array<[string, string]> = [
  ['uplink/transient: gateway gw-sat-1 dropped submission 5f0c…:sat-leo:3 (simulated link failure)', 'link-failure'],
  ['uplink/transient: gateway gw-sat-1 could not consult its memory of submission m:r:0', 'link-failure'],
  ['uplink/transient: ECBE POST http://127.0.0.1:9/cbc: connect ECONNREFUSED', 'link-failure'],
  ['cbc-milano 503: overloaded', 'link-failure'],
  ['cbc-milano: no peer acknowledged the message in time', 'link-failure'],
  ['uplink/rejected: submission m:r:0 was already used for another broadcast', 'gateway-refused'],
  ['uplink/rejected: inconsistent CBS pages: page 2 is numbered 3/3', 'gateway-refused'],
  ['cbc-milano 400: bad warning type', 'gateway-refused'],
  ['not in the submission this id was first transmitted with', 'gateway-refused'],
  ['uplink/unsealed: gateway gw-ter-1 cannot open the broadcast: it holds no usable key 00ab', 'seal-not-opened'],
  ['uplink/unknown-gateway: no gateway gw-9 is configured', 'unknown-gateway'],
  ["a satellite gateway serves only 'SAT-' cells", 'cell-not-served'],
  ['no terrestrial CBC serves this cell', 'cell-not-served'],
  ['uplink/rejected: the broadcast has expired', 'expired'],
  ['expired before transmission', 'expired'],
  ['cancelled before transmission', 'cancelled-before-air'],
  ['replaced before transmission', 'replaced-before-air'],
  ['outside the Update', 'replaced-before-air'],
  ['not replaced by the Update (none of its messages has this identifier)', 'replaced-before-air'],
  ['queued', 'still-queued'],
  ['alert/not-found: No alert 5f0c…', 'internal-error'],
  ['error: connection terminated unexpectedly', 'internal-error'],
];

describe('failureCause', () => {
  it.each(STORED)('counts %j as %s', (reason, cause) => {
    expect(failureCause(reason)).toBe(cause);
  });

  it('names a cause from the stable list for every reason, and "other" for one it does not know', () => {
    expect(failureCause('the gateway said something new')).toBe('other');
    expect(failureCause('')).toBe('other');
    for (const [reason] of STORED) expect(FAILURE_CAUSES).toContain(failureCause(reason));
  });

  it('reads a code only where a stored reason starts, not inside a gateway’s words', () => {
    expect(failureCause('cbc-milano 400: body mentions uplink/unsealed: here')).toBe('gateway-refused');
    expect(failureCause('queued for later')).toBe('other');
  });

  it('takes the first cause in rule order among the reasons of several languages joined by "; "', () => {
    expect(failureCause('uplink/transient: gateway g dropped submission a:r:0 (simulated link failure); uplink/unsealed: gateway g cannot open the broadcast')).toBe('seal-not-opened');
    expect(failureCause("uplink/rejected: page 1: bad; a terrestrial gateway serves only 'TER-' cells")).toBe('cell-not-served');
    expect(failureCause('killed; queued')).toBe('still-queued');
  });
});
