import { IdentityError } from './identity-error';
import { afterFailedLogin, afterSuccessfulLogin, isLocked } from './lockout';
import { burnPasswordVerification, verifyPassword } from './passwords';
import type { Clock, SessionStore, UserAccount, UserCredentials, UserStore, UserTransaction } from './ports';
import { awaitsSecondFactor } from './second-factor';
import { sessionExpiry } from './session-lifetime';
import { csrfTokenFor, hashToken, newOpaqueToken } from './tokens';
import { verifyTotp } from './totp';

export interface LoginCommand {
  email: string;
  password: string;
  totp?: string;
  // Where the attempt came from, for the audit trail.
  ip: string;
}

export interface LoginResult {
  user: UserAccount;
  sessionToken: string;
  csrfToken: string;
  expiresAt: Date;
  // An approver or admin without TOTP: the session may only enrol one.
  awaitsSecondFactor: boolean;
}

type Outcome = { result: LoginResult } | { refused: IdentityError };

// Password, then (when enrolled) a TOTP code; every attempt is audited, failures count
// towards the lockout, and a refusal is committed before it is thrown.
export class Login {
  constructor(
    private readonly users: UserStore,
    private readonly clock: Clock,
  ) {}

  async run(cmd: LoginCommand): Promise<LoginResult> {
    const now = this.clock.now();
    const email = cmd.email.trim().toLowerCase();
    const outcome = await this.users.transaction(async (tx): Promise<Outcome> => {
      const u = await tx.findCredentialsByEmail(email);
      if (!u) {
        await burnPasswordVerification(cmd.password);
        await tx.audit({ actor: 'anonymous', action: 'auth.login-failed', subjectType: 'user', subjectId: email, details: { email, ip: cmd.ip, reason: 'unknown-email' } });
        return { refused: invalidCredentials() };
      }
      const actor = `user:${u.id}`;
      if (isLocked(u, now)) {
        await tx.audit({ actor, action: 'auth.login-refused', subjectType: 'user', subjectId: u.id, details: { ip: cmd.ip, reason: 'locked', lockedUntil: u.lockedUntil } });
        return { refused: locked(u.lockedUntil!) };
      }
      if (!(await verifyPassword(u.passwordHash, cmd.password))) return this.fail(tx, u, now, cmd.ip, 'wrong-password', invalidCredentials());
      // Checked after the password, so a disabled account does not answer any faster.
      if (u.disabled) {
        await tx.audit({ actor, action: 'auth.login-refused', subjectType: 'user', subjectId: u.id, details: { ip: cmd.ip, reason: 'disabled' } });
        return { refused: invalidCredentials() };
      }
      let secondFactor = 'none';
      if (u.totp === 'enrolled') {
        if (!cmd.totp) {
          // Not counted as a failure: the password was right and nothing was guessed.
          await tx.audit({ actor, action: 'auth.login-refused', subjectType: 'user', subjectId: u.id, details: { ip: cmd.ip, reason: 'totp-missing' } });
          return { refused: new IdentityError('auth/totp-required', 'This account needs a TOTP code from its authenticator app', '/totp') };
        }
        const secret = await tx.totpSecret(u.id);
        const v = secret ? verifyTotp(secret, cmd.totp, u.totpLastStep, now) : ({ ok: false, reason: 'invalid' } as const);
        if (!v.ok) {
          const reason = v.reason === 'replayed' ? 'totp-replayed' : 'totp-invalid';
          const message = v.reason === 'replayed' ? 'This TOTP code was used already: wait for the next one' : 'The TOTP code is wrong or has expired';
          return this.fail(tx, u, now, cmd.ip, reason, new IdentityError('auth/totp-invalid', message, '/totp'));
        }
        await tx.saveTotpStep(u.id, v.step);
        secondFactor = 'totp';
      }
      await tx.saveLoginState(u.id, afterSuccessfulLogin());
      const sessionToken = newOpaqueToken();
      const csrfToken = csrfTokenFor(sessionToken);
      const expiresAt = sessionExpiry(now, now);
      await tx.insertSession({ tokenHash: hashToken(sessionToken), userId: u.id, csrfTokenHash: hashToken(csrfToken), createdAt: now, expiresAt });
      const pending = awaitsSecondFactor(u);
      await tx.audit({ actor, action: 'auth.login', subjectType: 'user', subjectId: u.id, details: { ip: cmd.ip, secondFactor, ...(pending ? { awaitsSecondFactor: true } : {}) } });
      return { result: { user: accountOf(u), sessionToken, csrfToken, expiresAt, awaitsSecondFactor: pending } };
    });
    if ('refused' in outcome) throw outcome.refused;
    return outcome.result;
  }

  private async fail(tx: UserTransaction, u: UserCredentials, now: Date, ip: string, reason: string, error: IdentityError): Promise<Outcome> {
    const next = afterFailedLogin(u, now);
    await tx.saveLoginState(u.id, { failedLogins: next.failedLogins, lockedUntil: next.lockedUntil });
    const actor = `user:${u.id}`;
    await tx.audit({ actor, action: 'auth.login-failed', subjectType: 'user', subjectId: u.id, details: { ip, reason, failedLogins: u.failedLogins + 1 } });
    if (!next.lockedNow) return { refused: error };
    await tx.audit({ actor, action: 'auth.locked', subjectType: 'user', subjectId: u.id, details: { ip, lockedUntil: next.lockedUntil } });
    return { refused: locked(next.lockedUntil!) };
  }
}

export class Logout {
  constructor(
    private readonly sessions: SessionStore,
    private readonly clock: Clock,
  ) {}

  async run(sessionTokenHash: string, userId: string): Promise<void> {
    await this.sessions.revoke(sessionTokenHash, this.clock.now(), { actor: `user:${userId}`, action: 'auth.logout', subjectType: 'user', subjectId: userId, details: {} });
  }
}

// One answer for an unknown email, a wrong password and a disabled account: which accounts
// exist is not for the asking.
function invalidCredentials(): IdentityError {
  return new IdentityError('auth/invalid-credentials', 'The email or the password is wrong');
}

function locked(until: Date): IdentityError {
  return new IdentityError('auth/locked', `Too many failed logins: the account is locked until ${until.toISOString()}`, undefined, until);
}

export function accountOf(u: UserCredentials): UserAccount {
  return { id: u.id, email: u.email, displayName: u.displayName, roles: u.roles, jurisdictionId: u.jurisdictionId, disabled: u.disabled, totp: u.totp, createdAt: u.createdAt, updatedAt: u.updatedAt };
}
