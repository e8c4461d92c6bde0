import type { LoginState } from './lockout';
import type { Role } from './principal';
import type { SecondFactorProof, TokenScope } from './token-scopes';

export type { Clock } from './clock';

// How a TOTP secret stands: none; stored but no code from it accepted yet (an enrolment the
// user has not confirmed); or enrolled.
export type TotpStatus = 'none' | 'pending' | 'enrolled';

export interface UserAccount {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  jurisdictionId: string;
  disabled: boolean;
  totp: TotpStatus;
  createdAt: Date;
  updatedAt: Date;
}

// What a login checks, read with the row locked.
export interface UserCredentials extends UserAccount, LoginState {
  passwordHash: string;
  totpLastStep: number | null;
}

export interface NewUser {
  id: string;
  email: string;
  displayName: string;
  passwordHash: string;
  roles: Role[];
  jurisdictionId: string;
}

export interface UserChange {
  displayName?: string;
  roles?: Role[];
  disabled?: boolean;
  jurisdictionId?: string;
}

export interface Session {
  tokenHash: string;
  userId: string;
  csrfTokenHash: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface ApiToken {
  id: string;
  userId: string;
  name: string;
  scopes: TokenScope[];
  // Whether it was made with a proven second factor; privileged scopes need it.
  secondFactor: SecondFactorProof;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

export interface NewApiToken {
  id: string;
  tokenHash: string;
  userId: string;
  name: string;
  scopes: TokenScope[];
  secondFactor: SecondFactorProof;
  createdAt: Date;
  expiresAt: Date | null;
}

// An entry of the audit chain about a user or a credential.
export interface IdentityAuditEntry {
  actor: string;
  action: string;
  subjectType: 'user' | 'api-token';
  subjectId: string;
  details: Record<string, unknown>;
}

// Everything a use case may do to users inside one PostgreSQL transaction.
export interface UserTransaction {
  // Both lock the row until the transaction ends: concurrent logins count every failure.
  findCredentialsByEmail(email: string): Promise<UserCredentials | null>;
  findCredentials(id: string): Promise<UserCredentials | null>;
  // Unwrapped in memory only; null when the user has none.
  totpSecret(userId: string): Promise<string | null>;
  jurisdictionExists(id: string): Promise<boolean>;
  // Whether `jurisdictionId` is `scope` or a territory within it.
  isWithinJurisdiction(jurisdictionId: string, scope: string): Promise<boolean>;
  countActiveAdmins(): Promise<number>;
  // Throws auth/user-exists when the email is taken (case-insensitively).
  insertUser(user: NewUser): Promise<void>;
  updateUser(id: string, change: UserChange, at: Date): Promise<void>;
  saveLoginState(userId: string, state: LoginState): Promise<void>;
  // lastStep null: the secret waits for its first code (a pending enrolment).
  saveTotpSecret(userId: string, secret: string, lastStep: number | null): Promise<void>;
  saveTotpStep(userId: string, step: number): Promise<void>;
  insertSession(session: Session): Promise<void>;
  revokeSessions(userId: string, at: Date): Promise<number>;
  audit(entry: IdentityAuditEntry): Promise<void>;
}

export interface UserStore {
  transaction<T>(work: (tx: UserTransaction) => Promise<T>): Promise<T>;
  findUser(id: string): Promise<UserAccount | null>;
  findUserByEmail(email: string): Promise<UserAccount | null>;
  // The users of a jurisdiction and of the territories within it.
  listUsers(scope: string): Promise<UserAccount[]>;
  // One entry in a transaction of its own (a refused request, a logout).
  audit(entry: IdentityAuditEntry): Promise<void>;
}

export interface SessionStore {
  // The session with its user as stored now; null if unknown, revoked or expired at `now`.
  findActive(tokenHash: string, now: Date): Promise<{ session: Session; user: UserAccount } | null>;
  extend(tokenHash: string, expiresAt: Date): Promise<void>;
  revoke(tokenHash: string, at: Date, audit: IdentityAuditEntry): Promise<void>;
}

export interface ApiTokenStore {
  // The token with its user as stored now; null if unknown, revoked or expired at `now`.
  findActive(tokenHash: string, now: Date): Promise<{ token: ApiToken; user: UserAccount } | null>;
  markUsed(id: string, at: Date): Promise<void>;
  listOwn(userId: string): Promise<ApiToken[]>;
  insert(token: NewApiToken, audit: IdentityAuditEntry): Promise<void>;
  // False when the user has no such token, or it was revoked already.
  revoke(id: string, userId: string, at: Date, audit: IdentityAuditEntry): Promise<boolean>;
}
