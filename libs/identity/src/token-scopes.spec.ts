import { assertTokenScope, Authenticate } from './authenticate';
import { IdentityError } from './identity-error';
import { IssueApiToken } from './issue-api-token';
import { MemoryIdentityStore } from './memory-user-store';
import type { Principal } from './principal';
import { ProveTotp } from './prove-totp';
import { grantedScopes } from './token-scopes';
import { totpCode } from './totp';

const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const clock = { now: () => new Date('2026-12-06T10:00:00Z') };
const admin: Principal = { kind: 'system', id: 'cli', name: 'CLI', roles: ['admin'], jurisdictionId: 'IT' };

function caught(work: () => unknown): IdentityError {
  try {
    work();
  } catch (e) {
    if (e instanceof IdentityError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

async function refusal(p: Promise<unknown>): Promise<IdentityError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof IdentityError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('grantedScopes', () => {
  it('gives read and write when nothing is asked', () => {
    expect(grantedScopes(undefined, 'none')).toEqual(['read', 'write']);
  });

  it('refuses release or admin without a proven second factor, naming the scope', () => {
    const e = caught(() => grantedScopes(['read', 'release'], 'none'));
    expect([e.code, e.pointer]).toEqual(['auth/second-factor-required', '/scopes']);
    expect(e.message).toContain('release scope');
    expect(caught(() => grantedScopes(['admin'], 'none')).code).toBe('auth/second-factor-required');
  });

  it('grants release and admin with a proven second factor, each once', () => {
    expect(grantedScopes(['release', 'read', 'release'], 'totp')).toEqual(['release', 'read']);
  });
});

describe('API tokens and their scopes', () => {
  const setup = () => {
    const store = new MemoryIdentityStore();
    store.addUser({ id: 'anna', email: 'anna@faro.test', passwordHash: 'x', roles: ['approver'], totp: 'enrolled', totpSecret: SECRET, totpLastStep: 0 });
    store.addUser({ id: 'otto', email: 'otto@faro.test', passwordHash: 'x', roles: ['approver'] });
    return { store, issue: new IssueApiToken(store.tokenStore, clock), auth: new Authenticate(store.sessionStore, store.tokenStore, clock) };
  };

  it('lets a token made with TOTP release while its user keeps TOTP, and records how in the principal', async () => {
    const { store, issue, auth } = setup();
    const { token, record } = await issue.run({ userId: 'anna', name: 'desk', scopes: ['read', 'release'], secondFactor: 'totp', by: admin });
    const a = await auth.byApiToken(token);
    expect(() => assertTokenScope(a, 'release')).not.toThrow();
    expect(a.principal.via).toEqual({ method: 'api-token', tokenId: record.id, scopes: ['read', 'release'], secondFactor: 'totp' });
    store.users.get('anna')!.totp = 'none';
    const later = await auth.byApiToken(token);
    expect(caught(() => assertTokenScope(later, 'release')).code).toBe('auth/second-factor-required');
  });

  it('refuses a scope the token lacks, naming it and what the token has', async () => {
    const { issue, auth } = setup();
    const { token } = await issue.run({ userId: 'otto', name: 'script', secondFactor: 'none', by: admin });
    const a = await auth.byApiToken(token);
    expect(() => assertTokenScope(a, 'write')).not.toThrow();
    const refused = caught(() => assertTokenScope(a, 'release'));
    expect(refused.code).toBe('auth/scope');
    expect(refused.message).toContain('lacks the release scope (it has read, write)');
  });

  it('audits a token with its scopes and how its maker proved the second factor', async () => {
    const { store, issue } = setup();
    await issue.run({ userId: 'anna', name: 'desk', scopes: ['admin'], secondFactor: 'totp', by: { ...admin, via: { method: 'cli' } } });
    expect(store.audits.at(-1)).toMatchObject({ action: 'api-token.created', details: { scopes: ['admin'], secondFactor: 'totp', via: { method: 'cli' } } });
  });

  it('proves a TOTP code once, refusing the same code again and a user without TOTP', async () => {
    const { store } = setup();
    const prove = new ProveTotp(store, clock);
    const code = totpCode(SECRET, clock.now());
    await prove.run('anna', code, admin, 'api-token');
    expect((await refusal(prove.run('anna', code, admin, 'api-token'))).code).toBe('auth/totp-invalid');
    expect((await refusal(prove.run('otto', code, admin, 'api-token'))).code).toBe('auth/second-factor-required');
    expect(store.audits.map((a) => a.action)).toEqual(['user.totp-proved', 'user.totp-proof-failed']);
  });
});
