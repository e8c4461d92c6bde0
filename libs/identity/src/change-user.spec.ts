import { ChangeUser } from './change-user';
import { IdentityError } from './identity-error';
import { MemoryIdentityStore } from './memory-user-store';
import type { Principal } from './principal';

const at = new Date('2026-03-01T10:00:00Z');
const clock = { now: () => at };
const admin: Principal = { kind: 'user', id: 'u-adm', name: 'Admin', roles: ['admin'], jurisdictionId: 'IT' };
const lombardyAdmin: Principal = { kind: 'user', id: 'u-lom', name: 'Admin Lombardia', roles: ['admin'], jurisdictionId: 'IT-R03' };

async function refusal(p: Promise<unknown>): Promise<IdentityError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof IdentityError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('ChangeUser', () => {
  let store: MemoryIdentityStore;
  let change: ChangeUser;

  beforeEach(() => {
    store = new MemoryIdentityStore();
    store.jurisdictions.set('IT-R19', 'IT').set('IT-R03', 'IT');
    store.addUser({ id: 'u-adm', email: 'adm@faro.test', passwordHash: 'x', roles: ['admin'] });
    store.addUser({ id: 'u-op', email: 'op@faro.test', passwordHash: 'x', roles: ['operator'], jurisdictionId: 'IT-R19' });
    store.sessions.set('s1', { tokenHash: 's1', userId: 'u-op', csrfTokenHash: 'c', createdAt: at, expiresAt: new Date(at.getTime() + 60_000), revokedAt: null });
    change = new ChangeUser(store, clock);
  });

  it('ends the sessions of a user who gains a role, and audits before and after', async () => {
    const u = await change.run({ userId: 'u-op', roles: ['operator', 'approver'], by: admin });
    expect(u.roles).toEqual(['operator', 'approver']);
    expect(store.sessions.get('s1')!.revokedAt).toEqual(at);
    expect(store.audits).toEqual([
      { actor: 'user:u-adm', action: 'user.changed', subjectType: 'user', subjectId: 'u-op', details: { before: { roles: ['operator'] }, after: { roles: ['operator', 'approver'] }, sessionsRevoked: 1 } },
    ]);
  });

  it('keeps the sessions of a user who only loses a role: every request reads the roles again', async () => {
    store.users.get('u-op')!.roles = ['operator', 'auditor'];
    await change.run({ userId: 'u-op', roles: ['operator'], by: admin });
    expect(store.sessions.get('s1')!.revokedAt).toBeNull();
  });

  it('ends the sessions of a user who is disabled', async () => {
    await change.run({ userId: 'u-op', disabled: true, by: admin });
    expect(store.sessions.get('s1')!.revokedAt).toEqual(at);
  });

  it('does not acknowledge a user outside the administrator\'s jurisdiction', async () => {
    const e = await refusal(change.run({ userId: 'u-op', disabled: true, by: lombardyAdmin }));
    expect(e).toMatchObject({ code: 'auth/not-found', message: 'No user u-op' });
    expect(store.users.get('u-op')!.disabled).toBe(false);
  });

  it('refuses moving a user to a jurisdiction outside the administrator\'s', async () => {
    store.users.get('u-op')!.jurisdictionId = 'IT-R03';
    expect((await refusal(change.run({ userId: 'u-op', jurisdictionId: 'IT-R19', by: lombardyAdmin }))).code).toBe('auth/forbidden');
  });

  it('refuses an administrator disabling themselves or dropping their own admin role', async () => {
    expect((await refusal(change.run({ userId: 'u-adm', disabled: true, by: admin }))).code).toBe('auth/invalid-user');
    expect((await refusal(change.run({ userId: 'u-adm', roles: ['auditor'], by: admin }))).code).toBe('auth/invalid-user');
    expect(store.audits).toEqual([]);
  });

  it('refuses an empty change', async () => {
    expect(await refusal(change.run({ userId: 'u-op', by: admin }))).toMatchObject({ code: 'auth/invalid-user', message: 'Nothing to change' });
  });
});
