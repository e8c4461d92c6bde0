import { createPublicKey, randomBytes, verify } from 'node:crypto';
import { generateSigningKey, sealGroupText, signEd25519, signingJwk } from '@faro/broadcast-security';
import {
  buildPage,
  buildSignaturePageContent,
  encodeSerialNumber,
  parsePage,
  parseSignaturePageContent,
  signedPayload,
} from '@faro/cell-broadcast';
import { ReplayMemory } from './replay-memory';
import { verifyBroadcast } from './verify-broadcast';
import { verifyGroupBroadcast, type VerifyGroupBroadcastInput } from './verify-group-broadcast';

const ISSUE_TIME = 1767225600; // 2026-01-01T00:00:00Z
const NOW = new Date((ISSUE_TIME + 60) * 1000);
const PUBLIC_SAFETY = 4396;
const GROUP_KEY_ID = 0x00000107;
const GROUP_KEY = new Uint8Array(randomBytes(32));
const TEXT =
  'Squadre di soccorso: punto di raccolta al campo sportivo di Gemona, ingresso nord. ' +
  'Portare generatori e torri faro. Non diffondere.';

const signingKey = generateSigningKey();
const JWKS = { keys: [signingJwk(signingKey.keyId, signingKey.publicKey)] };

// What Faro's sender will do: seal, sign the ciphertext pages as text pages, put the FS1 page last.
function groupBroadcast(o: { text?: string; updateNumber?: number } = {}): Uint8Array[] {
  const messageIdentifier = PUBLIC_SAFETY;
  const serialNumber = encodeSerialNumber({ geographicalScope: 3, messageCode: 17, updateNumber: o.updateNumber ?? 0 });
  const sealed = sealGroupText({
    text: o.text ?? TEXT,
    language: 'it-IT',
    groupKey: GROUP_KEY,
    groupKeyId: GROUP_KEY_ID,
    messageIdentifier,
    serialNumber,
    issueTime: ISSUE_TIME,
    signingKeyId: signingKey.keyId,
  });
  const payload = signedPayload({
    messageIdentifier,
    serialNumber,
    dcs: sealed.dcs,
    issueTime: ISSUE_TIME,
    keyId: signingKey.keyId,
    textPages: sealed.pages,
  });
  const signature = signEd25519(signingKey.privateKey, payload);
  const totalPages = sealed.pages.length + 1;
  const contents = [...sealed.pages, buildSignaturePageContent({ keyId: signingKey.keyId, issueTime: ISSUE_TIME, signature })];
  return contents.map((content, i) =>
    buildPage({ serialNumber, messageIdentifier, dcs: sealed.dcs, pageNumber: i + 1, totalPages }, content),
  );
}

const verifyAs = (pages: Uint8Array[], extra: Partial<VerifyGroupBroadcastInput> = {}) =>
  verifyGroupBroadcast({ pages, jwks: JWKS, groupKeys: new Map([[GROUP_KEY_ID, GROUP_KEY]]), now: NOW, ...extra });

describe('verifyGroupBroadcast', () => {
  it('accepts a genuine group broadcast for a member and gives back the text', () => {
    const pages = groupBroadcast();
    expect(pages).toHaveLength(4); // 37 + 2 + 130 = 169 octets: 3 data pages, then FS1
    expect(pages.every((p) => p.length === 88 && p[4] === 0x44)).toBe(true);
    expect(verifyAs([...pages].reverse())).toEqual({
      ok: true,
      messageIdentifier: PUBLIC_SAFETY,
      serialNumber: pages[0][0] * 256 + pages[0][1],
      updateNumber: 0,
      messageCode: 17,
      dcs: 0x44,
      groupKeyId: GROUP_KEY_ID,
      language: 'it',
      text: TEXT,
      keyId: signingKey.keyId.toString(16).padStart(8, '0'),
      issueTime: new Date(ISSUE_TIME * 1000),
    });
  });

  it('refuses a handset without a key for that group key id: not-a-member', () => {
    const r = verifyAs(groupBroadcast(), { groupKeys: new Map([[GROUP_KEY_ID + 1, GROUP_KEY]]) });
    expect(r).toMatchObject({ ok: false, reason: 'not-a-member' });
    expect(verifyAs(groupBroadcast(), { groupKeys: new Map() })).toMatchObject({ ok: false, reason: 'not-a-member' });
  });

  it('refuses a wrong key under the right id: undecryptable', () => {
    const r = verifyAs(groupBroadcast(), { groupKeys: new Map([[GROUP_KEY_ID, new Uint8Array(randomBytes(32))]]) });
    expect(r).toMatchObject({ ok: false, reason: 'undecryptable' });
  });

  it('has a signature a generic Ed25519 verifier accepts over the ciphertext pages', () => {
    const parsed = groupBroadcast().map(parsePage);
    const fs1 = parseSignaturePageContent(parsed[parsed.length - 1].content);
    const payload = signedPayload({
      messageIdentifier: parsed[0].messageIdentifier,
      serialNumber: parsed[0].serialNumber,
      dcs: parsed[0].dcs,
      issueTime: fs1.issueTime,
      keyId: fs1.keyId,
      textPages: parsed.slice(0, -1).map((p) => p.content),
    });
    const jwk = JWKS.keys[0];
    const key = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: 'jwk' });
    expect(verify(null, payload, key, fs1.signature)).toBe(true);
  });

  it('is refused by the public verifier, which cannot read 8-bit data as text', () => {
    expect(verifyBroadcast({ pages: groupBroadcast(), jwks: JWKS, now: NOW })).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('refuses every flipped bit of every page, before or at decryption', () => {
    const pages = groupBroadcast({ text: 'Punto di raccolta Nord.' });
    expect(pages).toHaveLength(2);
    const reasons = new Set<string>();
    for (let p = 0; p < pages.length; p++) {
      for (let bit = 0; bit < 88 * 8; bit++) {
        const tampered = pages.map((page) => new Uint8Array(page));
        tampered[p][bit >> 3] ^= 1 << (bit & 7);
        const r = verifyAs(tampered);
        if (r.ok) throw new Error(`page ${p + 1} bit ${bit} flipped was accepted`);
        reasons.add(r.reason);
      }
    }
    expect(reasons.has('bad-signature')).toBe(true);
  });

  it('shows a group broadcast once, and refuses nothing it remembers from a refusal', () => {
    const seen = new ReplayMemory();
    const pages = groupBroadcast();
    expect(verifyAs(pages, { seen, groupKeys: new Map() })).toMatchObject({ ok: false, reason: 'not-a-member' });
    expect(seen.size).toBe(0);
    expect(verifyAs(pages, { seen }).ok).toBe(true);
    expect(verifyAs(pages, { seen })).toMatchObject({ ok: false, reason: 'replay' });
    expect(verifyAs(groupBroadcast({ updateNumber: 1 }), { seen }).ok).toBe(true);
  });

  it('applies the signature checks before the group key: unknown key, expiry', () => {
    expect(verifyAs(groupBroadcast(), { jwks: { keys: [] } })).toMatchObject({ ok: false, reason: 'unknown-key' });
    expect(verifyAs(groupBroadcast(), { now: new Date((ISSUE_TIME + 86401) * 1000) })).toMatchObject({
      ok: false,
      reason: 'expired',
    });
  });
});
