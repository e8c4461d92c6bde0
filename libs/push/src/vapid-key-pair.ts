import { createECDH } from 'node:crypto';

// RFC 8292 §3.2: the application server key is a P-256 key; browsers take its public half as the
// uncompressed point (65 octets), base64url, in PushManager.subscribe({ applicationServerKey }).
export interface VapidKeyPair {
  publicKey: string;
  privateKey: Uint8Array;
}

export function generateVapidKeyPair(): VapidKeyPair {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  // getPrivateKey may drop leading zero octets; web-push and RFC 8292 want exactly 32.
  const raw = ecdh.getPrivateKey();
  const privateKey = new Uint8Array(32);
  privateKey.set(raw, 32 - raw.length);
  return { publicKey: ecdh.getPublicKey().toString('base64url'), privateKey };
}
