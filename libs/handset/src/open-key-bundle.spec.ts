import { generateGroupKey, generateHandsetKeyPair, sealGroupKeyBundle } from '@faro/broadcast-security';
import { openKeyBundle } from './open-key-bundle';

describe('openKeyBundle (the handset side of a group key bundle)', () => {
  const issuedAt = new Date('2026-11-25T10:00:00Z');

  async function provisioned() {
    const phone = await generateHandsetKeyPair();
    const { key, keyId } = generateGroupKey();
    const bundle = await sealGroupKeyBundle({ handsetId: 'cp-ud-01', handsetPublicKey: phone.publicKey, groupId: 'cp-fvg', keyId, key, issuedAt });
    return { phone, key, keyId, bundle: JSON.parse(JSON.stringify(bundle)) as Record<string, unknown> };
  }

  it("opens Faro's bundle (as it travels, JSON) to the group key and its id", async () => {
    const { phone, key, keyId, bundle } = await provisioned();
    const r = await openKeyBundle(bundle, { id: 'cp-ud-01', privateKey: phone.privateKey });
    expect(r).toEqual({ ok: true, groupId: 'cp-fvg', keyId, key, issuedAt: issuedAt.toISOString() });
  });

  it('refuses a bundle sealed to another handset by its id, and by its key when relabelled', async () => {
    const { phone, bundle } = await provisioned();
    const other = await generateHandsetKeyPair();
    expect(await openKeyBundle(bundle, { id: 'cp-ud-02', privateKey: other.privateKey })).toMatchObject({ ok: false, reason: 'not-for-this-handset' });
    expect(await openKeyBundle(bundle, { id: 'cp-ud-01', privateKey: other.privateKey })).toMatchObject({ ok: false, reason: 'undecryptable-bundle' });
    // A bundle relabelled for the other handset does not open with that handset's key either.
    expect(await openKeyBundle({ ...bundle, handsetId: 'cp-ud-02' }, { id: 'cp-ud-02', privateKey: phone.privateKey })).toMatchObject({ ok: false, reason: 'undecryptable-bundle' });
  });

  it.each([
    ['another group id', { groupId: 'cp-veneto' }],
    ['another key id', { keyId: 42 }],
    ['another issue time', { issuedAt: '2026-11-25T10:00:00.001Z' }],
  ])('refuses a bundle relabelled with %s', async (_what, change) => {
    const { phone, bundle } = await provisioned();
    expect(await openKeyBundle({ ...bundle, ...change }, { id: 'cp-ud-01', privateKey: phone.privateKey })).toMatchObject({ ok: false, reason: 'undecryptable-bundle' });
  });

  it.each([
    ['not an object', 'bundle'],
    ['version 2', { v: 2 }],
    ['a key id of 0', { keyId: 0 }],
    ['a short enc', { enc: 'AAAA' }],
    ['padded base64', { ciphertext: 'AAAA=' }],
  ])('calls %s malformed', async (_what, change) => {
    const { phone, bundle } = await provisioned();
    const input = typeof change === 'string' ? change : { ...bundle, ...change };
    expect(await openKeyBundle(input, { id: 'cp-ud-01', privateKey: phone.privateKey })).toMatchObject({ ok: false, reason: 'malformed-bundle' });
  });
});
