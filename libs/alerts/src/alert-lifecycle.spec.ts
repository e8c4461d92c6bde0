import { AlertError } from './alert-error';
import { ALERT_STATES, assertTransition, canTransition, isFinal } from './alert-lifecycle';

describe('alert lifecycle', () => {
  it('walks the happy path from draft to expired', () => {
    const path = ['draft', 'pending_approval', 'approved', 'broadcasting', 'active', 'expired'] as const;
    for (let i = 1; i < path.length; i++) expect(canTransition(path[i - 1], path[i])).toBe(true);
  });

  it('lets an alert on air be updated or cancelled', () => {
    for (const from of ['broadcasting', 'active'] as const) {
      expect(canTransition(from, 'updated')).toBe(true);
      expect(canTransition(from, 'cancelled')).toBe(true);
    }
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
    expect(finals.sort()).toEqual(['cancelled', 'expired', 'updated']);
    for (const from of finals) for (const to of ALERT_STATES) expect(canTransition(from, to)).toBe(false);
  });
});
