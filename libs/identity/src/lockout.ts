// Account lockout after repeated failed logins (OWASP Authentication Cheat Sheet): after
// MAX_FAILED_LOGINS consecutive failures the account refuses every login for LOCK_MS, without
// even checking the password, then starts counting afresh.
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MS = 15 * 60_000;

export interface LoginState {
  failedLogins: number;
  lockedUntil: Date | null;
}

export function isLocked(s: LoginState, now: Date): boolean {
  return s.lockedUntil !== null && s.lockedUntil.getTime() > now.getTime();
}

// The state after one more failure, and whether this failure is the one that locks.
export function afterFailedLogin(s: LoginState, now: Date): LoginState & { lockedNow: boolean } {
  const failed = s.failedLogins + 1;
  if (failed >= MAX_FAILED_LOGINS) return { failedLogins: 0, lockedUntil: new Date(now.getTime() + LOCK_MS), lockedNow: true };
  return { failedLogins: failed, lockedUntil: null, lockedNow: false };
}

export function afterSuccessfulLogin(): LoginState {
  return { failedLogins: 0, lockedUntil: null };
}
