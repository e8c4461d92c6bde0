import { afterFailedLogin, afterSuccessfulLogin, isLocked, LOCK_MS, MAX_FAILED_LOGINS, type LoginState } from './lockout';

const t0 = new Date('2026-03-01T10:00:00Z');
const open: LoginState = { failedLogins: 0, lockedUntil: null };

describe('lockout', () => {
  it('counts four failures without locking and locks on the fifth for 15 minutes', () => {
    let s: LoginState = open;
    for (let i = 1; i < MAX_FAILED_LOGINS; i++) {
      const next = afterFailedLogin(s, t0);
      expect(next).toEqual({ failedLogins: i, lockedUntil: null, lockedNow: false });
      s = next;
    }
    const fifth = afterFailedLogin(s, t0);
    expect(fifth.lockedNow).toBe(true);
    expect(fifth.lockedUntil).toEqual(new Date(t0.getTime() + 15 * 60_000));
    expect(LOCK_MS).toBe(15 * 60_000);
  });

  it('is locked until the lock time and open from it on', () => {
    const s = { failedLogins: 0, lockedUntil: new Date(t0.getTime() + LOCK_MS) };
    expect(isLocked(s, t0)).toBe(true);
    expect(isLocked(s, new Date(t0.getTime() + LOCK_MS - 1))).toBe(true);
    expect(isLocked(s, new Date(t0.getTime() + LOCK_MS))).toBe(false);
    expect(isLocked(open, t0)).toBe(false);
  });

  it('starts counting afresh once a lock is set, so the next lock again takes five failures', () => {
    const locked = afterFailedLogin({ failedLogins: 4, lockedUntil: null }, t0);
    expect(locked.failedLogins).toBe(0);
    const later = new Date(t0.getTime() + LOCK_MS + 1);
    expect(afterFailedLogin(locked, later)).toEqual({ failedLogins: 1, lockedUntil: null, lockedNow: false });
  });

  it('clears the count and any lock after a successful login', () => {
    expect(afterSuccessfulLogin()).toEqual(open);
  });
});
