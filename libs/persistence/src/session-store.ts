import type { DataSource, QueryRunner } from 'typeorm';
import type { IdentityAuditEntry, Session, SessionStore, UserAccount } from '@faro/identity';
import { inTransaction } from './in-transaction';
import { appendIdentityAudit, USER_COLUMNS, userFromRow } from './user-rows';
import { affectedRows } from './update-result';

export async function insertSessionRow(q: QueryRunner, s: Session): Promise<void> {
  await q.query(`INSERT INTO sessions (token_hash, user_id, csrf_token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`, [
    s.tokenHash,
    s.userId,
    s.csrfTokenHash,
    s.createdAt,
    s.expiresAt,
  ]);
}

export async function revokeUserSessions(q: QueryRunner, userId: string, at: Date): Promise<number> {
  const res = await q.query(`UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2`, [userId, at]);
  return affectedRows(res);
}

// Sessions by the SHA-256 of their id; the user comes with them, read in the same query.
export class SqlSessionStore implements SessionStore {
  constructor(private readonly ds: DataSource) {}

  async findActive(tokenHash: string, now: Date): Promise<{ session: Session; user: UserAccount } | null> {
    const [r] = await this.ds.query(
      `SELECT s.token_hash, s.user_id, s.csrf_token_hash, s.created_at, s.expires_at, ${USER_COLUMNS}
       FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2`,
      [tokenHash, now],
    );
    if (!r) return null;
    return {
      session: { tokenHash: r.token_hash, userId: r.user_id, csrfTokenHash: r.csrf_token_hash, createdAt: new Date(r.created_at), expiresAt: new Date(r.expires_at) },
      user: userFromRow(r),
    };
  }

  async extend(tokenHash: string, expiresAt: Date): Promise<void> {
    // Never revives a session that ended meanwhile, never shortens one.
    await this.ds.query(`UPDATE sessions SET expires_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at < $2`, [tokenHash, expiresAt]);
  }

  async revoke(tokenHash: string, at: Date, audit: IdentityAuditEntry): Promise<void> {
    await inTransaction(this.ds, async (q) => {
      await q.query(`UPDATE sessions SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL`, [tokenHash, at]);
      await appendIdentityAudit(q, audit, at);
    });
  }
}
