import { generateSigningKey, KeyringKeyEncryption, LocalKeyEncryption, type WrappedSecret } from '@faro/broadcast-security';
import { InMemoryKeyStore } from '@faro/keys/testing';
import { RewrapSecrets } from './rewrap-secrets';
import { PLATFORM_KEY_ACTOR } from './key-audit';
import { wrapContextOf, type WrappedSecretOwner } from './wrap-contexts';

const oldKek = new LocalKeyEncryption(new Uint8Array(32).fill(1));
const newKek = new LocalKeyEncryption(new Uint8Array(32).fill(2));
const wrongKek = new LocalKeyEncryption(new Uint8Array(32).fill(3));
const cli = { kind: 'system' as const, id: 'cli', via: { method: 'cli' as const } };
const secret = (n: number) => new Uint8Array(32).fill(n);

// One secret of each kind, all wrapped under oldKek.
async function storeUnderOldKek(): Promise<InMemoryKeyStore> {
  const store = new InMemoryKeyStore();
  const signing = generateSigningKey();
  store.signingKeys.push({ keyId: 42, publicKey: signing.publicKey, privateKeyWrapped: await oldKek.wrap(signing.privateKey, 'signing-key:0000002a'), status: 'active', createdAt: new Date() });
  store.gateways.add('sat-1');
  store.gatewayKeys.push({ gatewayId: 'sat-1', kid: 'aa11', publicKey: new Uint8Array(32), status: 'active', createdAt: new Date(), privateKeyWrapped: await oldKek.wrap(secret(5), 'gateway-key:sat-1:aa11') });
  const owners: WrappedSecretOwner[] = [
    { kind: 'sensorSecrets', secretId: 's1', sensorId: 'sensor-1' },
    { kind: 'totpSecrets', userId: 'u1' },
    { kind: 'groupKeys', keyId: 7 },
    { kind: 'vapidKeys', id: 1 },
  ];
  for (const [i, owner] of owners.entries()) store.secrets.push({ owner, wrapped: await oldKek.wrap(secret(10 + i), wrapContextOf(owner)) });
  return store;
}

const kekIdsIn = async (store: InMemoryKeyStore) => [...new Set((await store.secretsNotUnder('none')).map((s) => s.wrapped.kekId))];

describe('RewrapSecrets', () => {
  it('wraps every secret not under the current KEK again, each still opening under its own context', async () => {
    const store = await storeUnderOldKek();
    const keyring = new KeyringKeyEncryption(newKek, [oldKek]);
    const result = await new RewrapSecrets(store, keyring).run(PLATFORM_KEY_ACTOR);
    expect(result).toEqual({ kekId: newKek.kekId, rewrapped: { signingKeys: 1, gatewayKeys: 1, sensorSecrets: 1, totpSecrets: 1, groupKeys: 1, vapidKeys: 1 } });
    expect(Object.keys(result.rewrapped)).toEqual(['signingKeys', 'gatewayKeys', 'sensorSecrets', 'totpSecrets', 'groupKeys', 'vapidKeys']);
    expect(await kekIdsIn(store)).toEqual([newKek.kekId]);
    expect(await newKek.unwrap(store.gatewayKeys[0].privateKeyWrapped!, 'gateway-key:sat-1:aa11')).toEqual(secret(5));
    expect(await newKek.unwrap(store.secrets[1].wrapped, 'totp:u1')).toEqual(secret(11));
  });

  it('audits counts and KEK ids, with the actor and how they authenticated, and no key material', async () => {
    const store = await storeUnderOldKek();
    const keyring = new KeyringKeyEncryption(newKek, [oldKek]);
    await new RewrapSecrets(store, keyring).run(cli);
    expect(store.trail).toEqual([
      {
        actor: 'system:cli',
        action: 'key.kek-rewrapped',
        subjectType: 'key',
        subjectId: newKek.kekId,
        details: { kekId: newKek.kekId, fromKekIds: [oldKek.kekId], rewrapped: { signingKeys: 1, gatewayKeys: 1, sensorSecrets: 1, totpSecrets: 1, groupKeys: 1, vapidKeys: 1 }, via: { method: 'cli' } },
      },
    ]);
    expect(JSON.stringify(store.trail)).not.toMatch(/ciphertext|"iv"|"tag"/);
  });

  it('rewraps nothing the second time, and says so in the trail', async () => {
    const store = await storeUnderOldKek();
    const keyring = new KeyringKeyEncryption(newKek, [oldKek]);
    await new RewrapSecrets(store, keyring).run(PLATFORM_KEY_ACTOR);
    const again = await new RewrapSecrets(store, keyring).run(PLATFORM_KEY_ACTOR);
    expect(again.rewrapped).toEqual({ signingKeys: 0, gatewayKeys: 0, sensorSecrets: 0, totpSecrets: 0, groupKeys: 0, vapidKeys: 0 });
    expect(store.trail[1].details).toMatchObject({ fromKekIds: [] });
  });

  it('fails with a wrong old KEK and changes nothing, not even the secrets it could have opened', async () => {
    const store = await storeUnderOldKek();
    // The first secret in line under a KEK the keyring holds, the rest under one it does not.
    store.signingKeys[0].privateKeyWrapped = await wrongKek.wrap(secret(9), 'signing-key:0000002a');
    const before = JSON.stringify(await store.secretsNotUnder('none'));
    const keyring = new KeyringKeyEncryption(newKek, [wrongKek]);
    const refusal = new RewrapSecrets(store, keyring).run(cli);
    await expect(refusal).rejects.toMatchObject({
      name: 'KekRewrapError',
      code: 'key/rewrap-failed',
      message: `the secret is wrapped under KEK ${oldKek.kekId}, this keyring holds ${newKek.kekId}, ${wrongKek.kekId}`,
    });
    expect(JSON.stringify(await store.secretsNotUnder('none'))).toBe(before);
    expect(store.trail).toEqual([]);
  });

  it('fails on a secret that does not authenticate under its context (moved to another row), changing nothing', async () => {
    const store = await storeUnderOldKek();
    const totp = store.secrets[1];
    store.secrets[1] = { owner: { kind: 'totpSecrets', userId: 'u2' }, wrapped: totp.wrapped };
    const keyring = new KeyringKeyEncryption(newKek, [oldKek]);
    await expect(new RewrapSecrets(store, keyring).run(cli)).rejects.toMatchObject({ code: 'key/rewrap-failed', message: expect.stringContaining("context 'totp:u2'") });
    expect(await kekIdsIn(store)).toEqual([oldKek.kekId]);
  });

  it('leaves a secret that changed after it was read, and does not count it', async () => {
    const store = await storeUnderOldKek();
    const keyring = new KeyringKeyEncryption(newKek, [oldKek]);
    let replacement: WrappedSecret | undefined;
    store.beforeReplace = (s) => {
      if (s.owner.kind !== 'totpSecrets' || replacement) return;
      // A user re-enrolls TOTP meanwhile: the new secret is wrapped under the new KEK already.
      replacement = { ...s.wrapped, kekId: newKek.kekId, ciphertext: 'new' };
      store.secrets[1] = { owner: s.owner, wrapped: replacement };
    };
    const result = await new RewrapSecrets(store, keyring).run(PLATFORM_KEY_ACTOR);
    expect(result.rewrapped).toMatchObject({ totpSecrets: 0, sensorSecrets: 1 });
    expect(store.secrets[1].wrapped).toBe(replacement);
  });
});
