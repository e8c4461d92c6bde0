import { AlertError } from './alert-error';
import { ALERT_STATES, assertMove, assertTransition, canTransition, isFinal, isOnAir } from './alert-lifecycle';

describe('alert lifecycle', () => {
  it('walks the happy path from draft to expired', () => {
    const path = ['draft', 'pending_approval', 'approved', 'broadcasting', 'active', 'expired'] as const;
    for (let i = 1; i < path.length; i++) expect(canTransition(path[i - 1], path[i])).toBe(true);
  });

  it('lets an alert on air be updated, or cancelled only through cancelling while its kills run', () => {
    for (const from of ['broadcasting', 'active'] as const) {
      expect(canTransition(from, 'updated')).toBe(true);
      expect(canTransition(from, 'cancelling')).toBe(true);
      expect(canTransition(from, 'cancelled')).toBe(false);
    }
    expect(canTransition('cancelling', 'cancelled')).toBe(true);
    expect(isOnAir('cancelling')).toBe(false);
  });

  it('takes a Cancel from approved to killing to done, never on air', () => {
    const cancel = (state: (typeof ALERT_STATES)[number]) => ({ state, msgType: 'Cancel' });
    expect(() => assertMove(cancel('approved'), 'killing')).not.toThrow();
    expect(() => assertMove(cancel('killing'), 'done')).not.toThrow();
    for (const to of ['broadcasting', 'active', 'expired', 'updated', 'cancelling'] as const) {
      expect(() => assertMove(cancel('approved'), to)).toThrow(expect.objectContaining({ code: 'alert/illegal-transition', message: `A Cancel cannot go from approved to ${to}` }));
    }
  });

  it('never moves an alert or an Update into the states of a Cancel', () => {
    for (const msgType of ['Alert', 'Update']) {
      expect(() => assertMove({ state: 'approved', msgType }, 'killing')).toThrow(expect.objectContaining({ code: 'alert/illegal-transition', message: `An ${msgType} cannot go from approved to killing` }));
    }
    expect(() => assertMove({ state: 'approved', msgType: 'Alert' }, 'broadcasting')).not.toThrow();
  });

  it('refuses to release a draft straight to broadcasting with a typed error', () => {
    expect(() => assertTransition('draft', 'broadcasting')).toThrow(AlertError);
    try {
      assertTransition('draft', 'broadcasting');
    } catch (e) {
      expect((e as AlertError).code).toBe('alert/illegal-transition');
      expect((e as AlertError).message).toBe('An alert cannot go from draft to broadcasting');
    }
  });

  it('never leaves a final state', () => {
    const finals = ALERT_STATES.filter(isFinal);
    expect(finals.sort()).toEqual(['cancelled', 'done', 'expired', 'updated']);
    for (const from of finals) for (const to of ALERT_STATES) expect(canTransition(from, to)).toBe(false);
  });
});

describe('isOnAir and isFinal', () => {
  it('calls on air only broadcasting and active, not an alert approved and not yet fanned out', () => {
    expect(ALERT_STATES.filter(isOnAir)).toEqual(['broadcasting', 'active']);
  });

  it('calls final the states nothing leaves', () => {
    expect(ALERT_STATES.filter(isFinal)).toEqual(['expired', 'updated', 'cancelled', 'done']);
  });
});
