import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { generateHandsetKeyPair, toBase64Url } from '@faro/broadcast-security';
import { openKeyBundle, type HandsetIdentity } from '@faro/handset';

// A simulated handset's identity on disk: its id and X25519 key pair, base64url. The private key
// stays in this file (mode 0600); only the public key is given to Faro.
export interface HandsetKeyFile {
  id: string;
  suite: 'X25519';
  publicKey: string;
  privateKey: string;
}

export async function writeHandsetKeyFile(path: string, id: string): Promise<HandsetKeyFile> {
  if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(id)) throw new Error('--id: 2–63 lower-case letters, digits and hyphens');
  // Never overwrite: a lost private key cannot read the bundles already sealed to it.
  if (existsSync(path)) throw new Error(`--out: ${path} exists already; a handset key is never overwritten`);
  const pair = await generateHandsetKeyPair();
  const file: HandsetKeyFile = { id, suite: 'X25519', publicKey: toBase64Url(pair.publicKey), privateKey: toBase64Url(pair.privateKey) };
  writeFileSync(path, JSON.stringify(file, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  return file;
}

export function readHandsetKeyFile(path: string): HandsetIdentity {
  let file: Partial<HandsetKeyFile>;
  try {
    file = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`--handset-key: cannot read ${path} as JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const privateKey = typeof file?.privateKey === 'string' ? Buffer.from(file.privateKey, 'base64url') : null;
  if (typeof file?.id !== 'string' || !privateKey || privateKey.length !== 32) {
    throw new Error(`--handset-key: ${path} is not a handset key file (id and a 32-octet privateKey, as handset:keygen writes)`);
  }
  return { id: file.id, privateKey: new Uint8Array(privateKey) };
}

// Opens every bundle in the file (a JSON array, or one bundle) with the handset's key: group key
// id → content key. A bundle that is not this handset's, or does not open, is an error naming it.
export async function readGroupKeys(path: string, handset: HandsetIdentity): Promise<Map<number, Uint8Array>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`--bundles: cannot read ${path} as JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const bundles = Array.isArray(parsed) ? parsed : [parsed];
  const keys = new Map<number, Uint8Array>();
  for (const [i, bundle] of bundles.entries()) {
    const opened = await openKeyBundle(bundle, handset);
    if (!opened.ok) throw new Error(`--bundles: bundle ${i + 1} refused (${opened.reason}): ${opened.detail}`);
    keys.set(opened.keyId, opened.key);
  }
  return keys;
}
