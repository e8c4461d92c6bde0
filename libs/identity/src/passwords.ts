import { hash, verify } from '@node-rs/argon2';
import { IdentityError } from './identity-error';

// OWASP Password Storage Cheat Sheet: argon2id, m = 19 MiB, t = 2, p = 1 (the library's
// defaults, written down so a library upgrade cannot weaken them silently).
const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;
// Long enough for any passphrase, short enough that hashing stays cheap for a refused login.
export const MAX_PASSWORD_LENGTH = 1024;

// NIST SP 800-63B §5.1.1.2: length, not composition rules; refuse the trivially guessable.
export function assertPasswordPolicy(password: string, email?: string): void {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    throw new IdentityError('auth/invalid-user', `A password has at least ${MIN_PASSWORD_LENGTH} characters`, '/password');
  }
  if (length > MAX_PASSWORD_LENGTH) {
    throw new IdentityError('auth/invalid-user', `A password has at most ${MAX_PASSWORD_LENGTH} characters`, '/password');
  }
  if (new Set(password).size < 4) {
    throw new IdentityError('auth/invalid-user', 'A password repeating so few characters is too easy to guess', '/password');
  }
  const accountName = email?.split('@')[0].toLowerCase() ?? '';
  if (accountName.length >= 4 && password.toLowerCase().includes(accountName)) {
    throw new IdentityError('auth/invalid-user', 'A password must not contain the account name', '/password');
  }
}

export async function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

// False for a wrong password and for anything that is not an argon2 hash (a user created
// without a password login, e.g. 'not-for-login'), never an exception.
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  if (!passwordHash.startsWith('$argon2')) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

// Spends the time of one verification, so an unknown email answers as slowly as a wrong
// password and the timing does not tell which accounts exist.
export async function burnPasswordVerification(password: string): Promise<void> {
  dummyHash ??= hashPassword('faro-dummy-password-for-timing');
  await verifyPassword(await dummyHash, password);
}
