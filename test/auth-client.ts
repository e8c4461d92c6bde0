import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { LocalKeyEncryption } from '@faro/broadcast-security';
import { DEFAULT_TOKEN_SCOPES, generateTotpSecret, hashPassword, hashToken, newOpaqueToken, TOKEN_SCOPES, totpCode, totpStep, TOTP_PERIOD_SECONDS, type Role, type TokenScope } from '@faro/identity';
import type { Platform } from './platform';

// Users, tokens and sessions for integration specs. Users and tokens are written straight into
// the platform's database (as the CLI would, with the lib's hashing and the KEK's wrapping);
// sessions go through POST /api/v1/auth/login like a browser's.

export interface TestAccount {
  id: string;
  email: string;
  password: string;
  roles: Role[];
  jurisdictionId: string;
  // Base32, when created withTotp: compute codes with nextTotpCode.
  totpSecret?: string;
}

type Target = Platform | string;
const databaseUrlOf = (t: Target) => (typeof t === 'string' ? t : t.databaseUrl);

async function withDb<T>(target: Target, work: (db: Client) => Promise<T>): Promise<T> {
  const db = new Client({ connectionString: databaseUrlOf(target) });
  await db.connect();
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}

// The KEK the platform runs with: startPlatform passes FARO_KEK through (npm test sets it).
export function platformKek(kekBase64?: string): LocalKeyEncryption {
  const kek = kekBase64 ?? process.env.FARO_KEK;
  if (!kek) throw new Error('createUser({ withTotp: true }) wraps the secret with the platform KEK: set FARO_KEK (npm test does)');
  return new LocalKeyEncryption(Buffer.from(kek, 'base64'));
}

export async function createUser(
  target: Target,
  // kek: the platform's FARO_KEK when it is not the one npm test sets.
  opts: { roles: Role[]; jurisdictionId?: string; withTotp?: boolean; password?: string; displayName?: string; email?: string; kek?: string },
): Promise<TestAccount> {
  const id = randomUUID();
  const jurisdictionId = opts.jurisdictionId ?? 'IT';
  const email = opts.email ?? `${opts.roles.join('-')}-${id.slice(0, 8)}@faro.test`;
  const password = opts.password ?? `pw-${randomBytes(12).toString('base64url')}`;
  const totpSecret = opts.withTotp ? generateTotpSecret() : undefined;
  const wrapped = totpSecret ? await platformKek(opts.kek).wrap(Buffer.from(totpSecret, 'utf8'), `totp:${id}`) : null;
  const passwordHash = await hashPassword(password);
  await withDb(target, (db) =>
    db.query(
      `INSERT INTO users (id, email, display_name, password_hash, roles, jurisdiction_id, totp_secret_wrapped, totp_last_step)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      // totp_last_step 0: enrolled, no code used yet.
      [id, email, opts.displayName ?? email, passwordHash, opts.roles, jurisdictionId, wrapped ? JSON.stringify(wrapped) : null, totpSecret ? 0 : null],
    ),
  );
  return { id, email, password, roles: opts.roles, jurisdictionId, ...(totpSecret ? { totpSecret } : {}) };
}

// A code the platform will accept now: the current step's, or the next one's when the current
// one was used already (one step of drift is tolerated); waits for the step after if both were.
export async function nextTotpCode(target: Target, user: Pick<TestAccount, 'id' | 'totpSecret'>): Promise<string> {
  if (!user.totpSecret) throw new Error(`user ${user.id} has no TOTP secret`);
  const [row] = (await withDb(target, (db) => db.query(`SELECT totp_last_step FROM users WHERE id = $1`, [user.id]))).rows;
  const last = row?.totp_last_step === null || row === undefined ? -1 : Number(row.totp_last_step);
  for (;;) {
    const now = new Date();
    const step = Math.max(totpStep(now), last + 1);
    if (step <= totpStep(now) + 1) return totpCode(user.totpSecret, new Date(step * TOTP_PERIOD_SECONDS * 1000));
    await new Promise((r) => setTimeout(r, 1000));
  }
}

export interface Bearer {
  tokenId: string;
  token: string;
  headers: Record<string, string>;
}

// An API token for the user, written straight into the database. A user with TOTP gets every
// scope, as POST /api/v1/tokens gives a session signed in with TOTP that asks for them; a user
// without gets read and write, all a token made without a second factor may hold.
export async function bearerFor(target: Target, user: Pick<TestAccount, 'id' | 'totpSecret'>, name = 'test', scopes?: TokenScope[]): Promise<Bearer> {
  const token = newOpaqueToken();
  const tokenId = randomUUID();
  const secondFactor = user.totpSecret ? 'totp' : 'none';
  const granted = scopes ?? (user.totpSecret ? [...TOKEN_SCOPES] : [...DEFAULT_TOKEN_SCOPES]);
  await withDb(target, (db) =>
    db.query(`INSERT INTO api_tokens (id, token_hash, user_id, name, scopes, second_factor) VALUES ($1, $2, $3, $4, $5, $6)`, [tokenId, hashToken(token), user.id, name, granted, secondFactor]),
  );
  return { tokenId, token, headers: { authorization: `Bearer ${token}` } };
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: any;
}

export async function callApi(baseUrl: string, method: string, path: string, opts: { body?: unknown; headers?: Record<string, string> } = {}): Promise<ApiResponse> {
  const r = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }), ...opts.headers },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await r.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: r.status, headers: r.headers, body };
}

export interface SessionClient {
  user: any;
  cookie: string;
  csrfToken: string;
  // Sends the session cookie, and the CSRF header unless `csrf: false`.
  call(method: string, path: string, body?: unknown, opts?: { csrf?: boolean; headers?: Record<string, string> }): Promise<ApiResponse>;
}

// POST /api/v1/auth/login as the user (with a TOTP code when they have a secret); throws unless 200.
export async function sessionFor(platform: Platform, user: TestAccount): Promise<SessionClient> {
  const totp = user.totpSecret ? await nextTotpCode(platform, user) : undefined;
  const r = await callApi(platform.baseUrl, 'POST', '/api/v1/auth/login', { body: { email: user.email, password: user.password, ...(totp ? { totp } : {}) } });
  if (r.status !== 200) throw new Error(`login of ${user.email} answered ${r.status}: ${JSON.stringify(r.body)}`);
  const cookie = sessionCookieFrom(r.headers);
  if (!cookie) throw new Error(`login of ${user.email} set no faro_session cookie`);
  return {
    user: r.body.user,
    cookie,
    csrfToken: r.body.csrfToken,
    call: (method, path, body, opts = {}) =>
      callApi(platform.baseUrl, method, path, {
        body,
        headers: { cookie: `faro_session=${cookie}`, ...(opts.csrf === false ? {} : { 'x-csrf-token': r.body.csrfToken }), ...opts.headers },
      }),
  };
}

export function sessionCookieFrom(headers: Headers): string | undefined {
  for (const c of headers.getSetCookie()) {
    const m = /^faro_session=([^;]*)/.exec(c);
    if (m) return m[1] || undefined;
  }
  return undefined;
}
