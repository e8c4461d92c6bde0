import type { DataSource } from 'typeorm';
import type { ApiToken, ApiTokenStore, IdentityAuditEntry, NewApiToken, UserAccount } from '@faro/identity';
import { inTransaction } from './in-transaction';
import { appendIdentityAudit, USER_COLUMNS, userFromRow } from './user-rows';
import { affectedRows } from './update-result';

const TOKEN_COLUMNS = 't.id, t.user_id, t.name, t.scopes, t.second_factor, t.created_at, t.expires_at, t.revoked_at, t.last_used_at';

function tokenFromRow(r: any): ApiToken {
  const date = (v: unknown) => (v ? new Date(v as string) : null);
  return { id: r.id, userId: r.user_id, name: r.name, scopes: r.scopes, secondFactor: r.second_factor, createdAt: new Date(r.created_at), expiresAt: date(r.expires_at), revokedAt: date(r.revoked_at), lastUsedAt: date(r.last_used_at) };
}

// API tokens by the SHA-256 of their text; the token itself is never stored.
export class SqlApiTokenStore implements ApiTokenStore {
  constructor(private readonly ds: DataSource) {}

  async findActive(tokenHash: string, now: Date): Promise<{ token: ApiToken; user: UserAccount } | null> {
    const [r] = await this.ds.query(
      `SELECT ${TOKEN_COLUMNS}, ${USER_COLUMNS}
       FROM api_tokens t JOIN users u ON u.id = t.user_id
       WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > $2)`,
      [tokenHash, now],
    );
    return r ? { token: tokenFromRow(r), user: userFromRow(r) } : null;
  }

  async markUsed(id: string, at: Date): Promise<void> {
    // At most one write a minute per token, however busy it is.
    await this.ds.query(`UPDATE api_tokens SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2::timestamptz - interval '1 minute')`, [id, at]);
  }

  async listOwn(userId: string): Promise<ApiToken[]> {
    const rows = await this.ds.query(`SELECT ${TOKEN_COLUMNS} FROM api_tokens t WHERE t.user_id = $1 ORDER BY t.created_at DESC`, [userId]);
    return rows.map(tokenFromRow);
  }

  async insert(t: NewApiToken, audit: IdentityAuditEntry): Promise<void> {
    await inTransaction(this.ds, async (q) => {
      await q.query(`INSERT INTO api_tokens (id, token_hash, user_id, name, scopes, second_factor, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
        t.id,
        t.tokenHash,
        t.userId,
        t.name,
        t.scopes,
        t.secondFactor,
        t.createdAt,
        t.expiresAt,
      ]);
      await appendIdentityAudit(q, audit, t.createdAt);
    });
  }

  async revoke(id: string, userId: string, at: Date, audit: IdentityAuditEntry): Promise<boolean> {
    return inTransaction(this.ds, async (q) => {
      const res = await q.query(`UPDATE api_tokens SET revoked_at = $3 WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL`, [id, userId, at]);
      if (affectedRows(res) !== 1) return false;
      await appendIdentityAudit(q, audit, at);
      return true;
    });
  }
}
