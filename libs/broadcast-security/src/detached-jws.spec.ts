import { generateSigningKey, keyIdHex } from './signing-key';
import { signEd25519 } from './ed25519';
import { signDetachedJws, verifyDetachedJws } from './detached-jws';

describe('a detached EdDSA JWS over a served document', () => {
  const k = generateSigningKey();
  const signer = { keyId: k.keyId, sign: (p: Uint8Array) => signEd25519(k.privateKey, p) };
  const keys = new Map([[keyIdHex(k.keyId), k.publicKey]]);
  const body = new TextEncoder().encode('<alert>ü</alert>');

  it('is header..signature with alg EdDSA, the key id and the content type', () => {
    const jws = signDetachedJws(body, signer, 'application/cap+xml');
    const [header, payload] = jws.split('.');
    expect(payload).toBe('');
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ alg: 'EdDSA', kid: keyIdHex(k.keyId), cty: 'application/cap+xml' });
    expect(verifyDetachedJws(jws, body, keys)).toBe(true);
  });

  it('fails on other bytes, another key, or an attached payload', () => {
    const jws = signDetachedJws(body, signer, 'application/cap+xml');
    expect(verifyDetachedJws(jws, new TextEncoder().encode('<alert>u</alert>'), keys)).toBe(false);
    expect(verifyDetachedJws(jws, body, new Map([[keyIdHex(k.keyId), generateSigningKey().publicKey]]))).toBe(false);
    const [h, , s] = jws.split('.');
    expect(verifyDetachedJws(`${h}.${Buffer.from(body).toString('base64url')}.${s}`, body, keys)).toBe(false);
  });
});
