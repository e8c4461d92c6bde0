import type { QueryRunner } from 'typeorm';
import type { IdentityAuditEntry, Role, UserAccount } from '@faro/identity';
import { appendAudit } from './audit-log';

// The columns every user read takes, prefixed so they can share a row with a session or a token.
export const USER_COLUMNS = `u.id AS u_id, u.email AS u_email, u.display_name AS u_display_name, u.roles AS u_roles,
  u.jurisdiction_id AS u_jurisdiction_id, u.disabled AS u_disabled, u.created_at AS u_created_at, u.updated_at AS u_updated_at,
  u.totp_secret_wrapped IS NOT NULL AS u_totp_stored, u.totp_last_step AS u_totp_last_step`;
export const CREDENTIAL_COLUMNS = `${USER_COLUMNS}, u.password_hash AS u_password_hash, u.failed_logins AS u_failed_logins, u.locked_until AS u_locked_until`;

export function userFromRow(r: any): UserAccount {
  return {
    id: r.u_id,
    email: r.u_email,
    displayName: r.u_display_name,
    roles: r.u_roles as Role[],
    jurisdictionId: r.u_jurisdiction_id,
    disabled: r.u_disabled,
    // A stored secret from which no code was accepted yet is an enrolment still to confirm.
    totp: !r.u_totp_stored ? 'none' : r.u_totp_last_step === null ? 'pending' : 'enrolled',
    createdAt: new Date(r.u_created_at),
    updatedAt: new Date(r.u_updated_at),
  };
}

export async function appendIdentityAudit(q: QueryRunner, entry: IdentityAuditEntry, at?: Date): Promise<void> {
  await appendAudit(q, entry, at);
}
