import { IdentityError } from './identity-error';
import type { LoginState } from './lockout';
import type { ApiToken, ApiTokenStore, IdentityAuditEntry, NewApiToken, Session, SessionStore, UserAccount, UserChange, UserCredentials, UserStore, UserTransaction } from './ports';

interface StoredUser extends UserCredentials {
  totpSecret: string | null;
}

// In-memory stand-ins for the identity ports, for unit specs: a transaction that throws leaves
// nothing behind, as PostgreSQL's would.
export class MemoryIdentityStore implements UserStore {
  users = new Map<string, StoredUser>();
  sessions = new Map<string, Session & { revokedAt: Date | null }>();
  tokens = new Map<string, ApiToken & { tokenHash: string }>();
  audits: IdentityAuditEntry[] = [];
  jurisdictions = new Map<string, string | null>([['IT', null]]);

  addUser(u: Partial<StoredUser> & Pick<StoredUser, 'id' | 'email' | 'passwordHash' | 'roles'>): StoredUser {
    const now = new Date(0);
    const user: StoredUser = {
      displayName: u.email,
      jurisdictionId: 'IT',
      disabled: false,
      totp: 'none',
      createdAt: now,
      updatedAt: now,
      failedLogins: 0,
      lockedUntil: null,
      totpLastStep: null,
      totpSecret: null,
      ...u,
    };
    this.users.set(user.id, user);
    return user;
  }

  async transaction<T>(work: (tx: UserTransaction) => Promise<T>): Promise<T> {
    const saved = { users: structuredClone(this.users), sessions: structuredClone(this.sessions), audits: structuredClone(this.audits) };
    try {
      return await work(this.tx());
    } catch (e) {
      Object.assign(this, saved);
      throw e;
    }
  }

  private tx(): UserTransaction {
    const get = (id: string) => this.users.get(id) ?? null;
    const clone = (u: StoredUser | null) => (u ? (({ totpSecret: _, ...c }) => structuredClone(c))(u) : null);
    const within = (j: string, scope: string): boolean => j === scope || (this.jurisdictions.get(j) ? within(this.jurisdictions.get(j)!, scope) : false);
    return {
      findCredentialsByEmail: async (email) => clone([...this.users.values()].find((u) => u.email.toLowerCase() === email.toLowerCase()) ?? null),
      findCredentials: async (id) => clone(get(id)),
      totpSecret: async (id) => get(id)?.totpSecret ?? null,
      jurisdictionExists: async (id) => this.jurisdictions.has(id),
      isWithinJurisdiction: async (j, scope) => within(j, scope),
      countActiveAdmins: async () => [...this.users.values()].filter((u) => u.roles.includes('admin') && !u.disabled).length,
      insertUser: async (n) => {
        if ([...this.users.values()].some((u) => u.email === n.email)) throw new IdentityError('auth/user-exists', `A user with email ${n.email} exists already`);
        this.addUser({ ...n, createdAt: new Date(), updatedAt: new Date() });
      },
      updateUser: async (id, change: UserChange, at) => void Object.assign(get(id)!, change, { updatedAt: at }),
      saveLoginState: async (id, s: LoginState) => void Object.assign(get(id)!, s),
      saveTotpSecret: async (id, secret, lastStep) => void Object.assign(get(id)!, { totpSecret: secret, totpLastStep: lastStep, totp: lastStep === null ? 'pending' : 'enrolled' }),
      saveTotpStep: async (id, step) => void Object.assign(get(id)!, { totpLastStep: step, totp: 'enrolled' }),
      insertSession: async (s) => void this.sessions.set(s.tokenHash, { ...s, revokedAt: null }),
      revokeSessions: async (userId, at) => {
        const open = [...this.sessions.values()].filter((s) => s.userId === userId && !s.revokedAt && s.expiresAt > at);
        open.forEach((s) => (s.revokedAt = at));
        return open.length;
      },
      audit: async (e) => void this.audits.push(e),
    };
  }

  async findUser(id: string): Promise<UserAccount | null> {
    return this.users.get(id) ?? null;
  }

  async findUserByEmail(email: string): Promise<UserAccount | null> {
    return [...this.users.values()].find((u) => u.email === email) ?? null;
  }

  async listUsers(): Promise<UserAccount[]> {
    return [...this.users.values()];
  }

  async audit(entry: IdentityAuditEntry): Promise<void> {
    this.audits.push(entry);
  }

  readonly sessionStore: SessionStore = {
    findActive: async (tokenHash, now) => {
      const s = this.sessions.get(tokenHash);
      return s && !s.revokedAt && s.expiresAt > now ? { session: { ...s }, user: structuredClone(this.users.get(s.userId)!) } : null;
    },
    extend: async (tokenHash, expiresAt) => void (this.sessions.get(tokenHash)!.expiresAt = expiresAt),
    revoke: async (tokenHash, at, audit) => {
      this.sessions.get(tokenHash)!.revokedAt = at;
      this.audits.push(audit);
    },
  };

  readonly tokenStore: ApiTokenStore = {
    findActive: async (tokenHash, now) => {
      const t = [...this.tokens.values()].find((x) => x.tokenHash === tokenHash);
      return t && !t.revokedAt && (!t.expiresAt || t.expiresAt > now) ? { token: { ...t }, user: structuredClone(this.users.get(t.userId)!) } : null;
    },
    markUsed: async (id, at) => void (this.tokens.get(id)!.lastUsedAt = at),
    listOwn: async (userId) => [...this.tokens.values()].filter((t) => t.userId === userId),
    insert: async (t: NewApiToken, audit) => {
      this.tokens.set(t.id, { ...t, revokedAt: null, lastUsedAt: null });
      this.audits.push(audit);
    },
    revoke: async (id, userId, at, audit) => {
      const t = this.tokens.get(id);
      if (!t || t.userId !== userId || t.revokedAt) return false;
      t.revokedAt = at;
      this.audits.push(audit);
      return true;
    },
  };
}
