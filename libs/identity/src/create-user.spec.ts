import { CreateUser } from './create-user';
import { IdentityError } from './identity-error';
import { MemoryIdentityStore } from './memory-user-store';
import { verifyPassword } from './passwords';
import { SYSTEM_PRINCIPAL, type Principal } from './principal';

const clock = { now: () => new Date('2026-03-01T10:00:00Z') };
const sicilyAdmin: Principal = { kind: 'user', id: 'u-adm', name: 'Admin Sicilia', roles: ['admin'], jurisdictionId: 'IT-R19' };

async function refusal(p: Promise<unknown>): Promise<IdentityError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof IdentityError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('CreateUser', () => {
  let store: MemoryIdentityStore;
  let create: CreateUser;

  beforeEach(() => {
    store = new MemoryIdentityStore();
    store.jurisdictions.set('IT-R19', 'IT').set('IT-P087', 'IT-R19').set('IT-R03', 'IT');
    create = new CreateUser(store, clock);
  });

  it('stores an argon2 hash of a generated password and returns the password once', async () => {
    const r = await create.run({ email: 'Anna@Faro.test', displayName: ' Anna ', roles: ['approver', 'operator'], jurisdictionId: 'IT-R19', by: SYSTEM_PRINCIPAL });
    expect(r.user).toMatchObject({ email: 'anna@faro.test', displayName: 'Anna', roles: ['operator', 'approver'], totp: 'none' });
    const stored = store.users.get(r.user.id)!;
    expect(await verifyPassword(stored.passwordHash, r.generatedPassword!)).toBe(true);
    expect(store.audits[0]).toMatchObject({ actor: 'system:faro', action: 'user.created', details: { passwordGenerated: true } });
    expect(JSON.stringify(store.audits)).not.toContain(r.generatedPassword);
  });

  it('lets a regional administrator create users in their region and below, not elsewhere', async () => {
    await create.run({ email: 'p@faro.test', displayName: 'P', roles: ['operator'], jurisdictionId: 'IT-P087', password: 'a long enough phrase', by: sicilyAdmin });
    const e = await refusal(create.run({ email: 'l@faro.test', displayName: 'L', roles: ['operator'], jurisdictionId: 'IT-R03', password: 'a long enough phrase', by: sicilyAdmin }));
    expect(e.code).toBe('auth/forbidden');
    expect(e.message).toBe('Jurisdiction IT-R03 is outside IT-R19, where you administer users');
  });

  it('refuses an unknown jurisdiction, an unknown role and a taken email', async () => {
    const base = { email: 'x@faro.test', displayName: 'X', roles: ['operator'], jurisdictionId: 'IT', password: 'a long enough phrase', by: SYSTEM_PRINCIPAL };
    expect(await refusal(create.run({ ...base, jurisdictionId: 'XX' }))).toMatchObject({ code: 'auth/invalid-user', pointer: '/jurisdictionId' });
    expect(await refusal(create.run({ ...base, roles: ['operator', 'root'] }))).toMatchObject({ code: 'auth/invalid-user', pointer: '/roles' });
    expect(await refusal(create.run({ ...base, roles: [] }))).toMatchObject({ code: 'auth/invalid-user', pointer: '/roles' });
    await create.run(base);
    expect((await refusal(create.run({ ...base, email: 'X@FARO.TEST' }))).code).toBe('auth/user-exists');
  });

  it('creates the first administrator only while there is none', async () => {
    const first = { email: 'a@faro.test', displayName: 'A', roles: ['admin'], jurisdictionId: 'IT', by: SYSTEM_PRINCIPAL, onlyIfNoAdmin: true };
    await create.run(first);
    expect((await refusal(create.run({ ...first, email: 'b@faro.test' }))).code).toBe('auth/user-exists');
    expect(store.users.size).toBe(1);
  });
});
