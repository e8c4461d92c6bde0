import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DEFAULT_TOKEN_SCOPES, generateTotpSecret, TOKEN_SCOPES } from '@faro/identity';
import { platformKek } from './auth-client';

// Users with API tokens, written straight into a platform's database: the quickest way for
// a spec to act as an operator or an approver of a jurisdiction. Tokens are stored as their
// SHA-256, as the API stores them. Approvers and admins work with a second factor: they get a
// TOTP secret (wrapped with the platform's KEK) and a token made with it, holding every scope, as
// POST /api/v1/tokens gives a session signed in with TOTP; others get read and write.
export interface TestUser {
  id: string;
  email: string;
  token: string;
  tokenId: string;
  headers: Record<string, string>;
}

const PRIVILEGED_ROLES = ['approver', 'admin'];

export async function grantToken(databaseUrl: string, roles: string[], jurisdictionId = 'IT'): Promise<TestUser> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const id = randomUUID();
    const email = `${roles.join('-')}-${id.slice(0, 8)}@faro.test`;
    const token = randomBytes(32).toString('base64url');
    const tokenId = randomUUID();
    const withTotp = roles.some((r) => PRIVILEGED_ROLES.includes(r));
    const wrapped = withTotp ? JSON.stringify(await platformKek().wrap(Buffer.from(generateTotpSecret(), 'utf8'), `totp:${id}`)) : null;
    await db.query(
      `INSERT INTO users (id, email, display_name, password_hash, roles, jurisdiction_id, totp_secret_wrapped, totp_last_step) VALUES ($1, $2, $3, 'not-for-login', $4, $5, $6, $7)`,
      [id, email, email, roles, jurisdictionId, wrapped, withTotp ? 0 : null],
    );
    await db.query(`INSERT INTO api_tokens (id, token_hash, user_id, name, scopes, second_factor) VALUES ($1, $2, $3, 'test', $4, $5)`, [
      tokenId,
      createHash('sha256').update(token).digest('hex'),
      id,
      withTotp ? [...TOKEN_SCOPES] : [...DEFAULT_TOKEN_SCOPES],
      withTotp ? 'totp' : 'none',
    ]);
    return { id, email, token, tokenId, headers: { authorization: `Bearer ${token}` } };
  } finally {
    await db.end();
  }
}
