import { randomBytes } from 'node:crypto';
import type { WrappedSecret } from './key-encryption-port';
import { LocalKeyEncryption } from './local-key-encryption';
import { SecurityError } from './security-error';

const CONTEXT = 'signing-key:0000002a';

function flipFirstByte(field: string): string {
  const bytes = Buffer.from(field, 'base64url');
  bytes[0] ^= 0x01;
  return bytes.toString('base64url');
}

describe('LocalKeyEncryption', () => {
  const kek = randomBytes(32);
  const port = new LocalKeyEncryption(kek, 'kek-test-1');
  const secret = new Uint8Array(randomBytes(48));

  it('unwraps what it wrapped under the same context', async () => {
    const wrapped = await port.wrap(secret, CONTEXT);
    expect(await port.unwrap(wrapped, CONTEXT)).toEqual(secret);
  });

  it('produces a JSON-serialisable envelope naming its KEK, with a 12-byte IV and a 16-byte tag', async () => {
    const wrapped = await port.wrap(secret, CONTEXT);
    expect(wrapped).toEqual({
      kekId: 'kek-test-1',
      alg: 'A256GCM',
      iv: expect.stringMatching(/^[A-Za-z0-9_-]{16}$/),
      ciphertext: expect.stringMatching(/^[A-Za-z0-9_-]{64}$/),
      tag: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
    });
    const roundTripped = JSON.parse(JSON.stringify(wrapped)) as WrappedSecret;
    expect(await port.unwrap(roundTripped, CONTEXT)).toEqual(secret);
  });

  it('uses a fresh IV for every wrap', async () => {
    const first = await port.wrap(secret, CONTEXT);
    const second = await port.wrap(secret, CONTEXT);
    expect(first.iv).not.toBe(second.iv);
    expect(first.ciphertext).not.toBe(second.ciphertext);
  });

  it('refuses to unwrap under another context', async () => {
    const wrapped = await port.wrap(secret, CONTEXT);
    const unwrap = port.unwrap(wrapped, 'signing-key:0000002b');
    await expect(unwrap).rejects.toBeInstanceOf(SecurityError);
    await expect(port.unwrap(wrapped, 'signing-key:0000002b')).rejects.toMatchObject({
      code: 'security/unwrap-failed',
      message: "the wrapped secret does not authenticate under KEK kek-test-1 for context 'signing-key:0000002b'",
    });
  });

  it.each(['ciphertext', 'tag', 'iv'] as const)('refuses to unwrap when one byte of the %s is changed', async (field) => {
    const wrapped = await port.wrap(secret, CONTEXT);
    const tampered = { ...wrapped, [field]: flipFirstByte(wrapped[field]) };
    await expect(port.unwrap(tampered, CONTEXT)).rejects.toMatchObject({ code: 'security/unwrap-failed' });
  });

  it('refuses to unwrap with another KEK under the same KEK id', async () => {
    const wrapped = await port.wrap(secret, CONTEXT);
    const other = new LocalKeyEncryption(randomBytes(32), 'kek-test-1');
    await expect(other.unwrap(wrapped, CONTEXT)).rejects.toMatchObject({
      code: 'security/unwrap-failed',
      message: "the wrapped secret does not authenticate under KEK kek-test-1 for context 'signing-key:0000002a'",
    });
  });

  it('refuses a secret wrapped under another KEK id before trying to decrypt it', async () => {
    const wrapped = await new LocalKeyEncryption(randomBytes(32), 'kek-test-2').wrap(secret, CONTEXT);
    await expect(port.unwrap(wrapped, CONTEXT)).rejects.toMatchObject({
      code: 'security/unwrap-failed',
      message: 'the secret is wrapped under KEK kek-test-2, this port holds kek-test-1',
    });
  });

  it('refuses a truncated tag rather than accepting a shorter one', async () => {
    const wrapped = await port.wrap(secret, CONTEXT);
    const truncated = { ...wrapped, tag: Buffer.from(wrapped.tag, 'base64url').subarray(0, 12).toString('base64url') };
    await expect(port.unwrap(truncated, CONTEXT)).rejects.toMatchObject({
      code: 'security/unwrap-failed',
      message: 'the wrapped secret is malformed',
    });
  });

  it('names a KEK by a fingerprint when no id is given, the same for the same KEK', () => {
    const first = new LocalKeyEncryption(kek);
    expect(first.kekId).toMatch(/^local-[0-9a-f]{16}$/);
    expect(new LocalKeyEncryption(Buffer.from(kek)).kekId).toBe(first.kekId);
    expect(new LocalKeyEncryption(randomBytes(32)).kekId).not.toBe(first.kekId);
  });

  it('keeps its own copy of the KEK', async () => {
    const mutable = Buffer.from(kek);
    const own = new LocalKeyEncryption(mutable, 'kek-copy');
    const wrapped = await own.wrap(secret, CONTEXT);
    mutable.fill(0);
    expect(await own.unwrap(wrapped, CONTEXT)).toEqual(secret);
  });

  it('refuses a KEK that is not 32 bytes', () => {
    expect(() => new LocalKeyEncryption(randomBytes(16))).toThrow(
      expect.objectContaining({ code: 'security/invalid-key', message: 'a local KEK is 32 bytes, got 16' }),
    );
  });

  it('refuses an empty context', async () => {
    await expect(port.wrap(secret, '')).rejects.toMatchObject({
      code: 'security/invalid-input',
      message: 'a wrap context must name what the secret is for',
    });
  });
});
