import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const DEV_KEK_FILE = 'dev-kek';

export type KekSource = 'environment' | 'development-file' | 'none';

// Where FARO_KEK comes from. Production never gets a generated key: an unset FARO_KEK there is left
// for loadConfig to report.
export function kekSource(env: { NODE_ENV?: string; FARO_KEK?: string }): KekSource {
  if (env.FARO_KEK !== undefined && env.FARO_KEK !== '') return 'environment';
  return env.NODE_ENV === 'production' ? 'none' : 'development-file';
}

export function isKek(value: string): boolean {
  return /^[A-Za-z0-9+/]+={0,2}$/.test(value) && Buffer.from(value, 'base64').length === 32;
}

// The development KEK kept in `faroDir`, created (32 random bytes, base64, mode 0600) on first use.
// An existing file is never replaced: it wraps every private key already in the database.
export function readOrCreateDevKek(faroDir: string, log: (msg: string) => void): string {
  const file = path.join(faroDir, DEV_KEK_FILE);
  fs.mkdirSync(faroDir, { recursive: true });
  try {
    fs.writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    log(`FARO_KEK is unset: created a development KEK in ${file}`);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    log(`FARO_KEK is unset: using the development KEK in ${file}`);
  }
  const kek = fs.readFileSync(file, 'utf8').trim();
  if (!isKek(kek)) {
    throw new Error(
      `${file} does not hold a 32-byte base64 key. It is not replaced, since it wraps the stored private keys: ` +
        'restore it, or delete it together with the database.',
    );
  }
  return kek;
}
