import { hasRole, type Principal, type Role } from './principal';
import type { UserAccount } from './ports';

// Who can release an alert or change who may: they always log in with a second factor.
export function roleNeedsSecondFactor(roles: readonly Role[]): boolean {
  return hasRole({ roles }, 'approver') || hasRole({ roles }, 'admin');
}

// A user whose role demands TOTP but who has none enrolled may only enrol one.
export function awaitsSecondFactor(user: Pick<UserAccount, 'roles' | 'totp'>): boolean {
  return roleNeedsSecondFactor(user.roles) && user.totp !== 'enrolled';
}

export function principalOf(user: UserAccount): Principal {
  return { kind: 'user', id: user.id, name: user.displayName, roles: [...user.roles], jurisdictionId: user.jurisdictionId };
}
