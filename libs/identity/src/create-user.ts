import { randomUUID } from 'node:crypto';
import { IdentityError } from './identity-error';
import { assertPasswordPolicy, hashPassword } from './passwords';
import { actorRef, type Principal } from './principal';
import type { Clock, UserAccount, UserStore } from './ports';
import { generatePassword } from './tokens';
import { normalizeDisplayName, normalizeEmail, normalizeRoles } from './user-input';

export interface CreateUserCommand {
  email: string;
  displayName: string;
  // When absent a random one is generated and returned once.
  password?: string;
  roles: readonly string[];
  jurisdictionId: string;
  by: Principal;
  // The first administrator: refused when an active one exists already.
  onlyIfNoAdmin?: boolean;
}

export interface CreateUserResult {
  user: UserAccount;
  generatedPassword?: string;
}

// An administrator creates users within their own jurisdiction; the CLI (the system) anywhere.
export class CreateUser {
  constructor(
    private readonly users: UserStore,
    private readonly clock: Clock,
  ) {}

  async run(cmd: CreateUserCommand): Promise<CreateUserResult> {
    const email = normalizeEmail(cmd.email);
    const displayName = normalizeDisplayName(cmd.displayName);
    const roles = normalizeRoles(cmd.roles);
    const generatedPassword = cmd.password === undefined ? generatePassword() : undefined;
    const password = cmd.password ?? generatedPassword!;
    assertPasswordPolicy(password, email);
    const passwordHash = await hashPassword(password);
    const now = this.clock.now();
    const id = randomUUID();
    await this.users.transaction(async (tx) => {
      if (!(await tx.jurisdictionExists(cmd.jurisdictionId))) {
        throw new IdentityError('auth/invalid-user', `No jurisdiction ${cmd.jurisdictionId}`, '/jurisdictionId');
      }
      if (cmd.by.kind === 'user' && !(await tx.isWithinJurisdiction(cmd.jurisdictionId, cmd.by.jurisdictionId))) {
        throw new IdentityError('auth/forbidden', `Jurisdiction ${cmd.jurisdictionId} is outside ${cmd.by.jurisdictionId}, where you administer users`);
      }
      if (cmd.onlyIfNoAdmin && (await tx.countActiveAdmins()) > 0) {
        throw new IdentityError('auth/user-exists', 'An administrator exists already');
      }
      await tx.insertUser({ id, email, displayName, passwordHash, roles, jurisdictionId: cmd.jurisdictionId });
      await tx.audit({
        actor: actorRef(cmd.by),
        action: 'user.created',
        subjectType: 'user',
        subjectId: id,
        details: { email, displayName, roles, jurisdictionId: cmd.jurisdictionId, passwordGenerated: generatedPassword !== undefined },
      });
    });
    const user: UserAccount = { id, email, displayName, roles, jurisdictionId: cmd.jurisdictionId, disabled: false, totp: 'none', createdAt: now, updatedAt: now };
    return generatedPassword === undefined ? { user } : { user, generatedPassword };
  }
}
