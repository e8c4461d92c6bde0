import { fromBase64Url, toBase64Url } from './base64url';
import { verifyEd25519 } from './ed25519';
import { keyIdHex } from './signing-key';

export interface JwsSigner {
  keyId: number;
  sign(payload: Uint8Array): Uint8Array;
}

// RFC 7515 Appendix F: a JWS with its payload detached, "<header>..<signature>", compact form.
// The payload is the document's bytes exactly as served; the key is the broadcast signing key
// of the JWKS (RFC 8037 EdDSA, kid = key id in hex). Its signing input starts "eyJ", which a
// broadcast's signed payload (message identifier 0x6579, no PWS channel) can never be.
export function signDetachedJws(payload: Uint8Array, key: JwsSigner, contentType: string): string {
  const header = toBase64Url(Buffer.from(JSON.stringify({ alg: 'EdDSA', kid: keyIdHex(key.keyId), cty: contentType })));
  const signature = key.sign(signingInput(header, payload));
  return `${header}..${toBase64Url(signature)}`;
}

// The check a consumer makes, given the JWKS's raw public keys by kid. false for anything that
// is not a detached EdDSA JWS by one of them over exactly these bytes.
export function verifyDetachedJws(jws: string, payload: Uint8Array, publicKeys: ReadonlyMap<string, Uint8Array>): boolean {
  const parts = jws.split('.');
  if (parts.length !== 3 || parts[1] !== '') return false;
  const headerBytes = fromBase64Url(parts[0]);
  const signature = fromBase64Url(parts[2]);
  if (!headerBytes || !signature) return false;
  let header: { alg?: unknown; kid?: unknown };
  try {
    header = JSON.parse(Buffer.from(headerBytes).toString('utf8'));
  } catch {
    return false;
  }
  if (header.alg !== 'EdDSA' || typeof header.kid !== 'string') return false;
  const key = publicKeys.get(header.kid);
  return key !== undefined && verifyEd25519(key, signingInput(parts[0], payload), signature);
}

function signingInput(encodedHeader: string, payload: Uint8Array): Uint8Array {
  return new Uint8Array(Buffer.concat([Buffer.from(`${encodedHeader}.`, 'ascii'), Buffer.from(toBase64Url(payload), 'ascii')]));
}
