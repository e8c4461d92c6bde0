import type { DataSource, QueryRunner } from 'typeorm';
import type { KeyEncryptionPort, WrappedSecret } from '@faro/broadcast-security';
import { IdentityError, type IdentityAuditEntry, type LoginState, type NewUser, type Session, type UserAccount, type UserChange, type UserCredentials, type UserStore, type UserTransaction } from '@faro/identity';
import { totpSecretContext } from '@faro/keys';
import { withinJurisdiction } from './alert-store';
import { inTransaction } from './in-transaction';
import { insertSessionRow, revokeUserSessions } from './session-store';
import { appendIdentityAudit, CREDENTIAL_COLUMNS, USER_COLUMNS, userFromRow } from './user-rows';

function credentialsFromRow(r: any): UserCredentials {
  return {
    ...userFromRow(r),
    passwordHash: r.u_password_hash,
    failedLogins: Number(r.u_failed_logins),
    lockedUntil: r.u_locked_until ? new Date(r.u_locked_until) : null,
    totpLastStep: r.u_totp_last_step === null ? null : Number(r.u_totp_last_step),
  };
}

// TOTP secrets are wrapped by the KEK bound to the user: one user's wrapped secret does not
// unwrap as another's.
const totpContext = totpSecretContext;

export class SqlUserTransaction implements UserTransaction {
  constructor(
    readonly q: QueryRunner,
    private readonly kek: KeyEncryptionPort,
  ) {}

  async findCredentialsByEmail(email: string): Promise<UserCredentials | null> {
    const [r] = await this.q.query(`SELECT ${CREDENTIAL_COLUMNS} FROM users u WHERE lower(u.email) = lower($1) FOR UPDATE`, [email]);
    return r ? credentialsFromRow(r) : null;
  }

  async findCredentials(id: string): Promise<UserCredentials | null> {
    const [r] = await this.q.query(`SELECT ${CREDENTIAL_COLUMNS} FROM users u WHERE u.id = $1 FOR UPDATE`, [id]);
    return r ? credentialsFromRow(r) : null;
  }

  async totpSecret(userId: string): Promise<string | null> {
    const [r] = await this.q.query(`SELECT totp_secret_wrapped FROM users WHERE id = $1`, [userId]);
    if (!r?.totp_secret_wrapped) return null;
    const bytes = await this.kek.unwrap(r.totp_secret_wrapped as WrappedSecret, totpContext(userId));
    return Buffer.from(bytes).toString('utf8');
  }

  async jurisdictionExists(id: string): Promise<boolean> {
    const [r] = await this.q.query(`SELECT 1 FROM jurisdictions WHERE id = $1`, [id]);
    return Boolean(r);
  }

  async isWithinJurisdiction(jurisdictionId: string, scope: string): Promise<boolean> {
    const [r] = await this.q.query(`SELECT $1::text IN ${withinJurisdiction(2)} AS within`, [jurisdictionId, scope]);
    return Boolean(r?.within);
  }

  async countActiveAdmins(): Promise<number> {
    const [r] = await this.q.query(`SELECT count(*)::int AS n FROM users WHERE 'admin' = ANY(roles) AND NOT disabled`);
    return Number(r.n);
  }

  async insertUser(u: NewUser): Promise<void> {
    try {
      await this.q.query(`INSERT INTO users (id, email, display_name, password_hash, roles, jurisdiction_id) VALUES ($1, $2, $3, $4, $5, $6)`, [
        u.id,
        u.email,
        u.displayName,
        u.passwordHash,
        u.roles,
        u.jurisdictionId,
      ]);
    } catch (e) {
      if ((e as { code?: string }).code === '23505') throw new IdentityError('auth/user-exists', `A user with email ${u.email} exists already`, '/email');
      throw e;
    }
  }

  async updateUser(id: string, change: UserChange, at: Date): Promise<void> {
    const sets: string[] = [];
    const params: unknown[] = [id, at];
    const set = (column: string, value: unknown) => {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    };
    if (change.displayName !== undefined) set('display_name', change.displayName);
    if (change.roles !== undefined) set('roles', change.roles);
    if (change.disabled !== undefined) set('disabled', change.disabled);
    if (change.jurisdictionId !== undefined) set('jurisdiction_id', change.jurisdictionId);
    await this.q.query(`UPDATE users SET ${[...sets, 'updated_at = $2'].join(', ')} WHERE id = $1`, params);
  }

  async saveLoginState(userId: string, s: LoginState): Promise<void> {
    await this.q.query(`UPDATE users SET failed_logins = $2, locked_until = $3 WHERE id = $1`, [userId, s.failedLogins, s.lockedUntil]);
  }

  async saveTotpSecret(userId: string, secret: string, lastStep: number | null): Promise<void> {
    const wrapped = await this.kek.wrap(Buffer.from(secret, 'utf8'), totpContext(userId));
    await this.q.query(`UPDATE users SET totp_secret_wrapped = $2, totp_last_step = $3, updated_at = now() WHERE id = $1`, [userId, JSON.stringify(wrapped), lastStep]);
  }

  async saveTotpStep(userId: string, step: number): Promise<void> {
    await this.q.query(`UPDATE users SET totp_last_step = $2 WHERE id = $1`, [userId, step]);
  }

  async insertSession(s: Session): Promise<void> {
    await insertSessionRow(this.q, s);
  }

  async revokeSessions(userId: string, at: Date): Promise<number> {
    return revokeUserSessions(this.q, userId, at);
  }

  async audit(entry: IdentityAuditEntry): Promise<void> {
    await appendIdentityAudit(this.q, entry);
  }
}

// Users, their credentials and login state, over PostgreSQL.
export class SqlUserStore implements UserStore {
  constructor(
    private readonly ds: DataSource,
    private readonly kek: KeyEncryptionPort,
  ) {}

  transaction<T>(work: (tx: UserTransaction) => Promise<T>): Promise<T> {
    return inTransaction(this.ds, (q) => work(new SqlUserTransaction(q, this.kek)));
  }

  async findUser(id: string): Promise<UserAccount | null> {
    const [r] = await this.ds.query(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1`, [id]);
    return r ? userFromRow(r) : null;
  }

  async findUserByEmail(email: string): Promise<UserAccount | null> {
    const [r] = await this.ds.query(`SELECT ${USER_COLUMNS} FROM users u WHERE lower(u.email) = lower($1)`, [email]);
    return r ? userFromRow(r) : null;
  }

  async listUsers(scope: string): Promise<UserAccount[]> {
    const rows = await this.ds.query(`SELECT ${USER_COLUMNS} FROM users u WHERE u.jurisdiction_id IN ${withinJurisdiction(1)} ORDER BY lower(u.email)`, [scope]);
    return rows.map(userFromRow);
  }

  async audit(entry: IdentityAuditEntry): Promise<void> {
    await inTransaction(this.ds, (q) => appendIdentityAudit(q, entry));
  }
}
