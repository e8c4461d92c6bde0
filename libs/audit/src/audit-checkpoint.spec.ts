import { generateSigningKey, signEd25519 } from '@faro/broadcast-security';
import { auditCheckpointPayload, checkpointKid, verifyCheckpointSignature } from './audit-checkpoint';

const HEAD = 'ab'.repeat(32);

describe('auditCheckpointPayload', () => {
  it('lays out the context, seq as 8 bytes big-endian and the 32 hash bytes: 65 bytes', () => {
    const payload = Buffer.from(auditCheckpointPayload(0x0102030405, HEAD));
    expect(payload).toHaveLength(65);
    expect(payload.subarray(0, 25).toString('ascii')).toBe('faro-audit-checkpoint/v1\0');
    expect(payload.subarray(25, 33).toString('hex')).toBe('0000000102030405');
    expect(payload.subarray(33).toString('hex')).toBe(HEAD);
  });

  it('can never be as long as a broadcast signature payload (13 + 82·n bytes)', () => {
    for (let pages = 1; pages <= 15; pages++) expect(13 + 82 * pages).not.toBe(auditCheckpointPayload(1, HEAD).length);
  });

  it.each([0, -1, 1.5, Number.MAX_SAFE_INTEGER + 1])('refuses seq %p', (seq) => {
    expect(() => auditCheckpointPayload(seq, HEAD)).toThrow(RangeError);
  });

  it.each(['', 'AB'.repeat(32), 'ab'.repeat(31), 'zz'.repeat(32)])('refuses head hash %j', (hash) => {
    expect(() => auditCheckpointPayload(1, hash)).toThrow(RangeError);
  });
});

describe('verifyCheckpointSignature', () => {
  const key = generateSigningKey();
  const signed = (seq: number, headHash: string) => ({
    seq,
    headHash,
    signature: Buffer.from(signEd25519(key.privateKey, auditCheckpointPayload(seq, headHash))).toString('hex'),
  });

  it('accepts a checkpoint signed over its seq and head hash', () => {
    expect(verifyCheckpointSignature(signed(42, HEAD), key.publicKey)).toBe(true);
  });

  it('refuses the signature once the seq or the head hash is changed', () => {
    const c = signed(42, HEAD);
    expect(verifyCheckpointSignature({ ...c, seq: 41 }, key.publicKey)).toBe(false);
    expect(verifyCheckpointSignature({ ...c, headHash: 'cd'.repeat(32) }, key.publicKey)).toBe(false);
  });

  it('refuses a signature made by another key, a truncated signature and a malformed head hash', () => {
    const c = signed(42, HEAD);
    expect(verifyCheckpointSignature(c, generateSigningKey().publicKey)).toBe(false);
    expect(verifyCheckpointSignature({ ...c, signature: c.signature.slice(0, 126) }, key.publicKey)).toBe(false);
    expect(verifyCheckpointSignature({ ...c, headHash: 'not hex' }, key.publicKey)).toBe(false);
  });

  it('refuses a signature that is not hex and a public key that is not 32 bytes, without throwing', () => {
    const c = signed(42, HEAD);
    expect(verifyCheckpointSignature({ ...c, signature: 'zz' + c.signature.slice(2) }, key.publicKey)).toBe(false);
    expect(verifyCheckpointSignature(c, key.publicKey.subarray(0, 31))).toBe(false);
  });
});

describe('checkpointKid', () => {
  it('names a key id as the JWKS does, 8 hex digits, and anything out of range as it is', () => {
    expect(checkpointKid(42)).toBe('0000002a');
    expect(checkpointKid(0)).toBe('0');
    expect(checkpointKid(2 ** 32)).toBe('4294967296');
  });
});
