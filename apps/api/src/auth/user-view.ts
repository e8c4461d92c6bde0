import type { UserAccount } from '@faro/identity';

// A user as the API shows it: never a hash, a secret or a login counter.
export function userView(u: UserAccount) {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    roles: u.roles,
    jurisdictionId: u.jurisdictionId,
    disabled: u.disabled,
    totp: u.totp,
    createdAt: u.createdAt.toISOString(),
    updatedAt: u.updatedAt.toISOString(),
  };
}
