import { IdentityError } from './identity-error';
import { actorRef, type Principal } from './principal';
import type { Clock, UserStore } from './ports';
import { generateTotpSecret, totpUri, verifyTotp } from './totp';

export interface TotpEnrollment {
  secret: string;
  uri: string;
}

// Enrolment of a TOTP authenticator. By the user: start (the secret is shown once and stored
// wrapped, pending) then confirm with a first code, which proves the app holds it. By an
// administrator (the CLI, or the API's reset): provision, which replaces any secret and counts as enrolled at once.
export class EnrollTotp {
  constructor(
    private readonly users: UserStore,
    private readonly clock: Clock,
  ) {}

  async start(userId: string): Promise<TotpEnrollment> {
    return this.users.transaction(async (tx) => {
      const u = await tx.findCredentials(userId);
      if (!u) throw new IdentityError('auth/not-found', `No user ${userId}`);
      // Replacing a working second factor takes an administrator, not a session.
      if (u.totp === 'enrolled') throw new IdentityError('auth/totp-enrolled', 'A TOTP authenticator is enrolled already; an administrator can reset it');
      const secret = generateTotpSecret();
      await tx.saveTotpSecret(u.id, secret, null);
      await tx.audit({ actor: `user:${u.id}`, action: 'user.totp-enrollment-started', subjectType: 'user', subjectId: u.id, details: {} });
      return { secret, uri: totpUri(secret, u.email) };
    });
  }

  async confirm(userId: string, code: string): Promise<void> {
    const now = this.clock.now();
    const refused = await this.users.transaction(async (tx) => {
      const u = await tx.findCredentials(userId);
      if (!u) throw new IdentityError('auth/not-found', `No user ${userId}`);
      if (u.totp === 'enrolled') throw new IdentityError('auth/totp-enrolled', 'A TOTP authenticator is enrolled already');
      const secret = await tx.totpSecret(u.id);
      if (!secret) throw new IdentityError('auth/totp-invalid', 'No TOTP enrolment is pending: start one first', '/totp');
      const v = verifyTotp(secret, code, u.totpLastStep, now);
      if (!v.ok) {
        await tx.audit({ actor: `user:${u.id}`, action: 'user.totp-confirmation-failed', subjectType: 'user', subjectId: u.id, details: {} });
        return new IdentityError('auth/totp-invalid', 'The TOTP code is wrong or has expired', '/totp');
      }
      await tx.saveTotpStep(u.id, v.step);
      await tx.audit({ actor: `user:${u.id}`, action: 'user.totp-enrolled', subjectType: 'user', subjectId: u.id, details: {} });
      return null;
    });
    if (refused) throw refused;
  }

  async provision(userId: string, by: Principal): Promise<TotpEnrollment> {
    const now = this.clock.now();
    return this.users.transaction(async (tx) => {
      const u = await tx.findCredentials(userId);
      // An administrator resets only users of their territory; others are not acknowledged to exist.
      const scope = by.kind === 'user' ? by.jurisdictionId : null;
      if (!u || (scope && !(await tx.isWithinJurisdiction(u.jurisdictionId, scope)))) throw new IdentityError('auth/not-found', `No user ${userId}`);
      const secret = generateTotpSecret();
      // Step 0: enrolled, and any current code is accepted (and then used up).
      await tx.saveTotpSecret(u.id, secret, 0);
      const sessionsRevoked = await tx.revokeSessions(u.id, now);
      await tx.audit({ actor: actorRef(by), action: 'user.totp-provisioned', subjectType: 'user', subjectId: u.id, details: { replaced: u.totp !== 'none', sessionsRevoked } });
      return { secret, uri: totpUri(secret, u.email) };
    });
  }
}
