import { IdentityError } from './identity-error';
import { accountOf } from './login';
import { actorRef, type Principal, type Role } from './principal';
import type { Clock, UserAccount, UserChange, UserStore } from './ports';
import { normalizeDisplayName, normalizeRoles } from './user-input';

export interface ChangeUserCommand {
  userId: string;
  displayName?: string;
  roles?: readonly string[];
  disabled?: boolean;
  jurisdictionId?: string;
  by: Principal;
}

// Roles, jurisdiction, name, disabling. A role gained or an account disabled ends the user's
// sessions: a new role is exercised only after a login that meets its second-factor rule.
export class ChangeUser {
  constructor(
    private readonly users: UserStore,
    private readonly clock: Clock,
  ) {}

  async run(cmd: ChangeUserCommand): Promise<UserAccount> {
    const change: UserChange = {};
    if (cmd.displayName !== undefined) change.displayName = normalizeDisplayName(cmd.displayName);
    if (cmd.roles !== undefined) change.roles = normalizeRoles(cmd.roles);
    if (cmd.disabled !== undefined) change.disabled = cmd.disabled;
    if (cmd.jurisdictionId !== undefined) change.jurisdictionId = cmd.jurisdictionId;
    if (Object.keys(change).length === 0) throw new IdentityError('auth/invalid-user', 'Nothing to change');
    const now = this.clock.now();
    return this.users.transaction(async (tx) => {
      const before = await tx.findCredentials(cmd.userId);
      const scope = cmd.by.kind === 'user' ? cmd.by.jurisdictionId : null;
      // A user outside the administrator's territory is not acknowledged to exist.
      if (!before || (scope && !(await tx.isWithinJurisdiction(before.jurisdictionId, scope)))) {
        throw new IdentityError('auth/not-found', `No user ${cmd.userId}`);
      }
      if (change.jurisdictionId !== undefined) {
        if (!(await tx.jurisdictionExists(change.jurisdictionId))) throw new IdentityError('auth/invalid-user', `No jurisdiction ${change.jurisdictionId}`, '/jurisdictionId');
        if (scope && !(await tx.isWithinJurisdiction(change.jurisdictionId, scope))) {
          throw new IdentityError('auth/forbidden', `Jurisdiction ${change.jurisdictionId} is outside ${scope}, where you administer users`);
        }
      }
      // Nobody locks themselves out of administration: another administrator must do it.
      if (cmd.by.kind === 'user' && cmd.by.id === before.id && (change.disabled === true || (change.roles && !change.roles.includes('admin')))) {
        throw new IdentityError('auth/invalid-user', 'An administrator cannot disable themselves or drop their own admin role');
      }
      await tx.updateUser(before.id, change, now);
      const gained: Role[] = change.roles ? change.roles.filter((r) => !before.roles.includes(r)) : [];
      const disabledNow = change.disabled === true && !before.disabled;
      const sessionsRevoked = gained.length > 0 || disabledNow ? await tx.revokeSessions(before.id, now) : 0;
      const was = { displayName: before.displayName, roles: before.roles, disabled: before.disabled, jurisdictionId: before.jurisdictionId };
      await tx.audit({
        actor: actorRef(cmd.by),
        action: 'user.changed',
        subjectType: 'user',
        subjectId: before.id,
        details: { before: pick(was, change), after: change, sessionsRevoked },
      });
      const after = await tx.findCredentials(before.id);
      return accountOf(after!);
    });
  }
}

function pick(was: Record<string, unknown>, change: UserChange): Record<string, unknown> {
  return Object.fromEntries(Object.keys(change).map((k) => [k, was[k]]));
}
