import { Authenticate } from './authenticate';
import { ChangeUser } from './change-user';
import { IdentityError } from './identity-error';
import { Login } from './login';
import { MemoryIdentityStore } from './memory-user-store';
import { hashPassword } from './passwords';
import { SESSION_IDLE_MS } from './session-lifetime';
import { hashToken } from './tokens';
import { totpCode } from './totp';

const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const PASSWORD = 'a long enough passphrase';

class StepClock {
  constructor(public t: Date) {}
  now = () => this.t;
  advance(ms: number) {
    this.t = new Date(this.t.getTime() + ms);
  }
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

describe('Login', () => {
  let store: MemoryIdentityStore;
  let clock: StepClock;
  let login: Login;
  let passwordHash: string;

  beforeAll(async () => {
    passwordHash = await hashPassword(PASSWORD);
  });

  beforeEach(() => {
    store = new MemoryIdentityStore();
    clock = new StepClock(new Date('2026-03-01T10:00:00Z'));
    login = new Login(store, clock);
    store.addUser({ id: 'u-op', email: 'op@faro.test', passwordHash, roles: ['operator'] });
    store.addUser({ id: 'u-ap', email: 'ap@faro.test', passwordHash, roles: ['approver'], totp: 'enrolled', totpSecret: SECRET, totpLastStep: 0 });
    store.addUser({ id: 'u-new', email: 'new@faro.test', passwordHash, roles: ['approver'] });
  });

  it('opens a session stored by hash whose CSRF token is returned once', async () => {
    const r = await login.run({ email: ' OP@faro.test ', password: PASSWORD, ip: '10.0.0.1' });
    expect(r.user.id).toBe('u-op');
    expect(r.awaitsSecondFactor).toBe(false);
    expect(r.expiresAt).toEqual(new Date(clock.t.getTime() + SESSION_IDLE_MS));
    const stored = store.sessions.get(hashToken(r.sessionToken))!;
    expect(stored.csrfTokenHash).toBe(hashToken(r.csrfToken));
    expect(store.audits).toEqual([{ actor: 'user:u-op', action: 'auth.login', subjectType: 'user', subjectId: 'u-op', details: { ip: '10.0.0.1', secondFactor: 'none' } }]);
  });

  it('commits a failed attempt (counter and audit) although it refuses the login', async () => {
    const e = await refusal(login.run({ email: 'op@faro.test', password: 'wrong', ip: '10.0.0.1' }));
    expect(e.code).toBe('auth/invalid-credentials');
    expect(store.users.get('u-op')!.failedLogins).toBe(1);
    expect(store.audits.map((a) => a.action)).toEqual(['auth.login-failed']);
  });

  it('locks on the fifth failure and refuses even the right password until the lock ends', async () => {
    for (let i = 0; i < 4; i++) expect((await refusal(login.run({ email: 'op@faro.test', password: 'wrong', ip: 'x' }))).code).toBe('auth/invalid-credentials');
    const fifth = await refusal(login.run({ email: 'op@faro.test', password: 'wrong', ip: 'x' }));
    expect(fifth.code).toBe('auth/locked');
    expect(fifth.retryAt).toEqual(new Date(clock.t.getTime() + 15 * 60_000));
    expect((await refusal(login.run({ email: 'op@faro.test', password: PASSWORD, ip: 'x' }))).code).toBe('auth/locked');
    clock.advance(15 * 60_000);
    expect((await login.run({ email: 'op@faro.test', password: PASSWORD, ip: 'x' })).user.id).toBe('u-op');
    expect(store.users.get('u-op')).toMatchObject({ failedLogins: 0, lockedUntil: null });
  });

  it('asks an enrolled approver for a code without counting a failure', async () => {
    const e = await refusal(login.run({ email: 'ap@faro.test', password: PASSWORD, ip: 'x' }));
    expect(e).toMatchObject({ code: 'auth/totp-required', pointer: '/totp' });
    expect(store.users.get('u-ap')!.failedLogins).toBe(0);
  });

  it('accepts a code once and refuses it, as a counted failure, the second time', async () => {
    const code = totpCode(SECRET, clock.t);
    await login.run({ email: 'ap@faro.test', password: PASSWORD, totp: code, ip: 'x' });
    const again = await refusal(login.run({ email: 'ap@faro.test', password: PASSWORD, totp: code, ip: 'x' }));
    expect(again).toMatchObject({ code: 'auth/totp-invalid', message: 'This TOTP code was used already: wait for the next one' });
    expect(store.users.get('u-ap')!.failedLogins).toBe(1);
    clock.advance(30_000);
    expect((await login.run({ email: 'ap@faro.test', password: PASSWORD, totp: totpCode(SECRET, clock.t), ip: 'x' })).user.id).toBe('u-ap');
  });

  it('checks no TOTP before the password: a wrong password with a right code is a wrong password', async () => {
    const e = await refusal(login.run({ email: 'ap@faro.test', password: 'wrong', totp: totpCode(SECRET, clock.t), ip: 'x' }));
    expect(e.code).toBe('auth/invalid-credentials');
    expect(store.users.get('u-ap')!.totpLastStep).toBe(0);
  });

  it('lets an approver without TOTP in, marked as owing a second factor', async () => {
    const r = await login.run({ email: 'new@faro.test', password: PASSWORD, ip: 'x' });
    expect(r.awaitsSecondFactor).toBe(true);
  });

  it('answers a disabled account like a wrong password, and audits why', async () => {
    store.users.get('u-op')!.disabled = true;
    expect((await refusal(login.run({ email: 'op@faro.test', password: PASSWORD, ip: 'x' }))).code).toBe('auth/invalid-credentials');
    expect(store.audits.at(-1)).toMatchObject({ action: 'auth.login-refused', details: { reason: 'disabled' } });
  });
});

describe('Authenticate', () => {
  it('reads the user afresh: a role stripped after login is gone from the next principal', async () => {
    const store = new MemoryIdentityStore();
    const clock = new StepClock(new Date('2026-03-01T10:00:00Z'));
    store.addUser({ id: 'u-adm', email: 'adm@faro.test', passwordHash: await hashPassword(PASSWORD), roles: ['admin'], totp: 'enrolled', totpSecret: SECRET, totpLastStep: 0 });
    store.addUser({ id: 'u-x', email: 'x@faro.test', passwordHash: await hashPassword(PASSWORD), roles: ['operator', 'auditor'] });
    const s = await new Login(store, clock).run({ email: 'x@faro.test', password: PASSWORD, ip: 'x' });
    const auth = new Authenticate(store.sessionStore, store.tokenStore, clock);
    expect((await auth.bySession(s.sessionToken)).principal.roles).toEqual(['operator', 'auditor']);
    const by = { kind: 'user' as const, id: 'u-adm', name: 'adm', roles: ['admin' as const], jurisdictionId: 'IT' };
    await new ChangeUser(store, clock).run({ userId: 'u-x', roles: ['auditor'], by });
    expect((await auth.bySession(s.sessionToken)).principal.roles).toEqual(['auditor']);
    await new ChangeUser(store, clock).run({ userId: 'u-x', disabled: true, by });
    expect((await refusal(auth.bySession(s.sessionToken))).code).toBe('auth/unauthenticated');
  });

  it('ends a session after 15 idle minutes and slides it while in use', async () => {
    const store = new MemoryIdentityStore();
    const clock = new StepClock(new Date('2026-03-01T10:00:00Z'));
    store.addUser({ id: 'u-x', email: 'x@faro.test', passwordHash: await hashPassword(PASSWORD), roles: ['operator'] });
    const s = await new Login(store, clock).run({ email: 'x@faro.test', password: PASSWORD, ip: 'x' });
    const auth = new Authenticate(store.sessionStore, store.tokenStore, clock);
    clock.advance(10 * 60_000);
    await auth.bySession(s.sessionToken);
    clock.advance(10 * 60_000);
    await auth.bySession(s.sessionToken);
    clock.advance(15 * 60_000);
    expect((await refusal(auth.bySession(s.sessionToken))).code).toBe('auth/unauthenticated');
  });
});
