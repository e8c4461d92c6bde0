import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';

// Users with API tokens, written straight into a platform's database: the quickest way for
// a spec to act as an operator or an approver of a jurisdiction. Tokens are stored as their
// SHA-256, as the API stores them.
export interface TestUser {
  id: string;
  email: string;
  token: string;
  headers: Record<string, string>;
}

export async function grantToken(databaseUrl: string, roles: string[], jurisdictionId = 'IT'): Promise<TestUser> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const id = randomUUID();
    const email = `${roles.join('-')}-${id.slice(0, 8)}@faro.test`;
    const token = randomBytes(32).toString('base64url');
    await db.query(
      `INSERT INTO users (id, email, display_name, password_hash, roles, jurisdiction_id) VALUES ($1, $2, $3, 'not-for-login', $4, $5)`,
      [id, email, email, roles, jurisdictionId],
    );
    await db.query(`INSERT INTO api_tokens (id, token_hash, user_id, name) VALUES ($1, $2, $3, 'test')`, [
      randomUUID(),
      createHash('sha256').update(token).digest('hex'),
      id,
    ]);
    return { id, email, token, headers: { authorization: `Bearer ${token}` } };
  } finally {
    await db.end();
  }
}
