import { randomBytes } from 'node:crypto';
import { keyEncryptionFromConfig, KeyringKeyEncryption } from './keyring-key-encryption';
import { LocalKeyEncryption } from './local-key-encryption';
import { SecurityError } from './security-error';

const CONTEXT = 'gateway-key:gw-sat-1';

describe('KeyringKeyEncryption', () => {
  const oldKek = new LocalKeyEncryption(randomBytes(32), 'kek-old');
  const newKek = new LocalKeyEncryption(randomBytes(32), 'kek-new');
  const keyring = new KeyringKeyEncryption(newKek, [oldKek]);
  const secret = new Uint8Array(randomBytes(32));

  it('wraps under the current KEK only', async () => {
    const wrapped = await keyring.wrap(secret, CONTEXT);
    expect(wrapped.kekId).toBe('kek-new');
    expect(keyring.kekId).toBe('kek-new');
    expect(await newKek.unwrap(wrapped, CONTEXT)).toEqual(secret);
  });

  it('unwraps a secret wrapped under a previous KEK and one wrapped under the current KEK', async () => {
    expect(await keyring.unwrap(await oldKek.wrap(secret, CONTEXT), CONTEXT)).toEqual(secret);
    expect(await keyring.unwrap(await newKek.wrap(secret, CONTEXT), CONTEXT)).toEqual(secret);
  });

  it('refuses a secret wrapped under a KEK it does not hold', async () => {
    const wrapped = await new LocalKeyEncryption(randomBytes(32), 'kek-gone').wrap(secret, CONTEXT);
    const unwrap = keyring.unwrap(wrapped, CONTEXT);
    await expect(unwrap).rejects.toBeInstanceOf(SecurityError);
    await expect(keyring.unwrap(wrapped, CONTEXT)).rejects.toMatchObject({
      code: 'security/unwrap-failed',
      message: 'the secret is wrapped under KEK kek-gone, this keyring holds kek-new, kek-old',
    });
  });

  it('still binds the context when it unwraps under a previous KEK', async () => {
    const wrapped = await oldKek.wrap(secret, CONTEXT);
    await expect(keyring.unwrap(wrapped, 'gateway-key:gw-sat-2')).rejects.toMatchObject({ code: 'security/unwrap-failed' });
  });

  it('rotates a secret from a previous KEK to the current one, same context, without handing it out', async () => {
    const rotated = await keyring.rotate(await oldKek.wrap(secret, CONTEXT), CONTEXT);
    expect(rotated.kekId).toBe('kek-new');
    expect(await newKek.unwrap(rotated, CONTEXT)).toEqual(secret);
    await expect(newKek.unwrap(rotated, 'gateway-key:gw-sat-2')).rejects.toMatchObject({ code: 'security/unwrap-failed' });
    // A wrong context is refused before anything is wrapped again.
    await expect(keyring.rotate(await oldKek.wrap(secret, CONTEXT), 'gateway-key:gw-sat-2')).rejects.toMatchObject({ code: 'security/unwrap-failed' });
    // Under a single KEK, a rotation is a fresh IV.
    const once = await newKek.wrap(secret, CONTEXT);
    const again = await newKek.rotate(once, CONTEXT);
    expect(again.iv).not.toBe(once.iv);
    expect(await newKek.unwrap(again, CONTEXT)).toEqual(secret);
  });

  it('says a secret needs rewrapping exactly when it is not under the current KEK', async () => {
    expect(keyring.needsRewrap(await oldKek.wrap(secret, CONTEXT))).toBe(true);
    expect(keyring.needsRewrap(await keyring.wrap(secret, CONTEXT))).toBe(false);
  });
});

describe('keyEncryptionFromConfig', () => {
  const a = randomBytes(32).toString('base64');
  const b = randomBytes(32).toString('base64');
  const c = randomBytes(32).toString('base64');

  it('wraps with FARO_KEK and unwraps what any KEK in FARO_KEK_PREVIOUS wrapped', async () => {
    const before = keyEncryptionFromConfig({ FARO_KEK: a });
    const older = keyEncryptionFromConfig({ FARO_KEK: c });
    const after = keyEncryptionFromConfig({ FARO_KEK: b, FARO_KEK_PREVIOUS: ` ${a} ,${c}` });
    const secret = new Uint8Array(randomBytes(16));
    expect(await after.unwrap(await before.wrap(secret, CONTEXT), CONTEXT)).toEqual(secret);
    expect(await after.unwrap(await older.wrap(secret, CONTEXT), CONTEXT)).toEqual(secret);
    expect(after.kekId).toBe(keyEncryptionFromConfig({ FARO_KEK: b }).kekId);
    expect(after.kekIds).toHaveLength(3);
  });

  it('holds only FARO_KEK when FARO_KEK_PREVIOUS is unset or empty', () => {
    expect(keyEncryptionFromConfig({ FARO_KEK: a }).kekIds).toEqual([keyEncryptionFromConfig({ FARO_KEK: a }).kekId]);
    expect(keyEncryptionFromConfig({ FARO_KEK: a, FARO_KEK_PREVIOUS: '' }).kekIds).toHaveLength(1);
  });
});
