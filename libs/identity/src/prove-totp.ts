import { IdentityError } from './identity-error';
import { actorRef, type Principal } from './principal';
import type { Clock, UserStore } from './ports';
import { verifyTotp } from './totp';

// A current TOTP code checked outside a login, where a person at a terminal must show they hold
// the user's second factor (the CLI making a privileged API token). The code is used up, so it
// cannot be replayed at a login; a wrong code counts in the audit trail, not towards the lockout.
export class ProveTotp {
  constructor(
    private readonly users: UserStore,
    private readonly clock: Clock,
  ) {}

  async run(userId: string, code: string, by: Principal, purpose: string): Promise<void> {
    const now = this.clock.now();
    const refused = await this.users.transaction(async (tx) => {
      const u = await tx.findCredentials(userId);
      if (!u) throw new IdentityError('auth/not-found', `No user ${userId}`);
      if (u.totp !== 'enrolled') return new IdentityError('auth/second-factor-required', `${u.email} has no TOTP authenticator enrolled`);
      const secret = await tx.totpSecret(u.id);
      const v = secret ? verifyTotp(secret, code, u.totpLastStep, now) : ({ ok: false, reason: 'invalid' } as const);
      if (!v.ok) {
        await tx.audit({ actor: actorRef(by), action: 'user.totp-proof-failed', subjectType: 'user', subjectId: u.id, details: { purpose, reason: v.reason } });
        return new IdentityError('auth/totp-invalid', v.reason === 'replayed' ? 'This TOTP code was used already: wait for the next one' : 'The TOTP code is wrong or has expired', '/totp');
      }
      await tx.saveTotpStep(u.id, v.step);
      await tx.audit({ actor: actorRef(by), action: 'user.totp-proved', subjectType: 'user', subjectId: u.id, details: { purpose } });
      return null;
    });
    if (refused) throw refused;
  }
}
