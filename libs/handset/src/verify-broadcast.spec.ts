import { generateSigningKey, signEd25519, signingJwk, type SigningKeyMaterial } from '@faro/broadcast-security';
import {
  assembleCompanionMessage,
  assembleTextMessage,
  buildPage,
  encodeBroadcastText,
  decodeBroadcastPages,
  encodeSerialNumber,
  parsePage,
  signedPayload,
} from '@faro/cell-broadcast';
import { ReplayMemory } from './replay-memory';
import type { BroadcastJwks } from './signed-pages';
import { verifyBroadcast, verifyBroadcasts } from './verify-broadcast';

const ISSUE_TIME = 1767225600; // 2026-01-01T00:00:00Z
const NOW = new Date((ISSUE_TIME + 60) * 1000);
const EXTREME_IMMEDIATE_OBSERVED = 4371;

// Long enough for two GSM 7 bit text pages (93 septets each), all in the default alphabet.
const ITALIAN_TWO_PAGES =
  'Terremoto di magnitudo 6.1 alle 03:32. Allontanarsi dagli edifici, non usare gli ascensori, ' +
  'raggiungere le aree di attesa indicate dal Comune.';
const GREEK_UCS2 = 'Σεισμός. Απομακρυνθείτε από τα κτίρια. Μην χρησιμοποιείτε ανελκυστήρες.';

interface BroadcastOptions {
  text?: string;
  language?: string;
  key?: SigningKeyMaterial;
  messageCode?: number;
  updateNumber?: number;
  issueTime?: number;
  messageIdentifier?: number;
  companionIdentifier?: number;
}

const defaultKey = generateSigningKey();

// The alert's text pages, then its FS2 companion page, as Faro puts them on air.
function broadcast(o: BroadcastOptions = {}): Uint8Array[] {
  const key = o.key ?? defaultKey;
  const encoded = encodeBroadcastText(o.text ?? ITALIAN_TWO_PAGES, o.language ?? 'it-IT');
  const serialNumber = encodeSerialNumber({
    geographicalScope: 3,
    messageCode: o.messageCode ?? 5,
    updateNumber: o.updateNumber ?? 0,
  });
  const issueTime = o.issueTime ?? ISSUE_TIME;
  const messageIdentifier = o.messageIdentifier ?? EXTREME_IMMEDIATE_OBSERVED;
  const payload = signedPayload({
    messageIdentifier,
    serialNumber,
    dcs: encoded.dcs,
    issueTime,
    keyId: key.keyId,
    textPages: encoded.pages,
  });
  const signature = signEd25519(key.privateKey, payload);
  return [
    ...assembleTextMessage({ messageIdentifier, serialNumber, encoded }),
    assembleCompanionMessage({ companionIdentifier: o.companionIdentifier ?? 0xa000, serialNumber, signedMessageIdentifier: messageIdentifier, keyId: key.keyId, issueTime, signature }),
  ];
}

const jwksOf = (...keys: SigningKeyMaterial[]): BroadcastJwks => ({ keys: keys.map((k) => signingJwk(k.keyId, k.publicKey)) });
const JWKS = jwksOf(defaultKey);

function refusal(pages: Uint8Array[], extra: Partial<Parameters<typeof verifyBroadcast>[0]> = {}) {
  const r = verifyBroadcast({ pages, jwks: JWKS, now: NOW, ...extra });
  if (r.ok) throw new Error('expected a refusal, the broadcast was accepted');
  return r;
}

describe('verifyBroadcast', () => {
  it('accepts a genuine two-page Italian broadcast and gives back its GSM 7 bit text', () => {
    const pages = broadcast();
    expect(pages).toHaveLength(3);
    const r = verifyBroadcast({ pages, jwks: JWKS, now: NOW });
    expect(r).toEqual({
      ok: true,
      messageIdentifier: EXTREME_IMMEDIATE_OBSERVED,
      serialNumber: 0xc050,
      updateNumber: 0,
      messageCode: 5,
      dcs: 0x02,
      language: 'it',
      text: ITALIAN_TWO_PAGES,
      keyId: defaultKey.keyId.toString(16).padStart(8, '0'),
      issueTime: new Date(ISSUE_TIME * 1000),
    });
  });

  it('accepts a genuine UCS-2 broadcast and gives back its text and language', () => {
    const r = verifyBroadcast({ pages: broadcast({ text: GREEK_UCS2, language: 'el' }), jwks: JWKS, now: NOW });
    expect(r).toMatchObject({ ok: true, dcs: 0x11, language: 'el', text: GREEK_UCS2 });
  });

  it('accepts the pages and the companion in any order', () => {
    const [p1, p2, fs2] = broadcast();
    for (const order of [[fs2, p2, p1], [p2, fs2, p1], [fs2, p1, p2]]) {
      expect(verifyBroadcast({ pages: order, jwks: JWKS, now: NOW })).toMatchObject({ ok: true, text: ITALIAN_TWO_PAGES });
    }
  });

  it('refuses every single flipped bit in any page: headers, text and the companion page', () => {
    const pages = broadcast();
    const accepted: string[] = [];
    let cases = 0;
    pages.forEach((page, p) => {
      for (let bit = 0; bit < page.length * 8; bit++) {
        const tampered = pages.map((q) => q.slice());
        tampered[p][bit >> 3] ^= 1 << (bit & 7);
        const r = verifyBroadcast({ pages: tampered, jwks: JWKS, now: NOW });
        if (r.ok) accepted.push(`page ${p + 1} octet ${bit >> 3} bit ${bit & 7}`);
        cases++;
      }
    });
    expect(cases).toBe(3 * 88 * 8);
    expect(accepted).toEqual([]);
  });

  it('refuses a companion made for a different text as bad-signature', () => {
    const genuine = broadcast();
    const other = broadcast({ text: ITALIAN_TWO_PAGES.replace('6.1', '6.2') });
    const r = refusal([genuine[0], genuine[1], other[2]]);
    expect(r.reason).toBe('bad-signature');
    expect(r.detail).toBe(`the Ed25519 signature does not verify with key ${defaultKey.keyId.toString(16).padStart(8, '0')}`);
  });

  it('refuses a key id that no JWK carries as unknown-key', () => {
    const stranger = generateSigningKey();
    const r = refusal(broadcast({ key: stranger }));
    expect(r.reason).toBe('unknown-key');
    expect(r.detail).toBe(`no Ed25519 key with kid ${stranger.keyId.toString(16).padStart(8, '0')} in the JWKS`);
  });

  it('refuses a broadcast signed by a key rotated out of the JWKS as unknown-key', () => {
    const retired = generateSigningKey();
    const successor = generateSigningKey();
    const pages = broadcast({ key: retired });
    expect(verifyBroadcast({ pages, jwks: jwksOf(retired, successor), now: NOW }).ok).toBe(true);
    expect(refusal(pages, { jwks: jwksOf(successor) }).reason).toBe('unknown-key');
  });

  it('refuses a JWK under the right kid that is not an Ed25519 key as unknown-key', () => {
    const jwk = signingJwk(defaultKey.keyId, defaultKey.publicKey);
    expect(refusal(broadcast(), { jwks: { keys: [{ ...jwk, crv: 'X25519' }] } }).reason).toBe('unknown-key');
  });

  it('refuses an issue time older than the maximum age as expired', () => {
    const pages = broadcast({ issueTime: ISSUE_TIME - 24 * 3600 - 61 });
    const r = refusal(pages);
    expect(r.reason).toBe('expired');
    expect(r.detail).toBe('issued 2025-12-30T23:58:59.000Z, more than 86400 s before 2026-01-01T00:01:00.000Z');
    expect(verifyBroadcast({ pages, jwks: JWKS, now: NOW, maxAgeSeconds: 2 * 24 * 3600 }).ok).toBe(true);
  });

  it('accepts an issue time exactly the maximum age old', () => {
    expect(verifyBroadcast({ pages: broadcast(), jwks: JWKS, now: NOW, maxAgeSeconds: 60 }).ok).toBe(true);
    expect(refusal(broadcast(), { maxAgeSeconds: 59 }).reason).toBe('expired');
  });

  it('refuses an issue time more than 300 s ahead of the handset clock as from-the-future', () => {
    const now = new Date(ISSUE_TIME * 1000);
    expect(verifyBroadcast({ pages: broadcast({ issueTime: ISSUE_TIME + 300 }), jwks: JWKS, now }).ok).toBe(true);
    const r = refusal(broadcast({ issueTime: ISSUE_TIME + 301 }), { now });
    expect(r.reason).toBe('from-the-future');
    expect(r.detail).toBe('issued 2026-01-01T00:05:01.000Z, more than 300 s after 2026-01-01T00:00:00.000Z');
  });

  it('refuses the same broadcast a second time as replay but accepts its Update', () => {
    const seen = new ReplayMemory();
    const pages = broadcast();
    expect(verifyBroadcast({ pages, jwks: JWKS, now: NOW, seen }).ok).toBe(true);
    const r = refusal(pages, { seen });
    expect(r.reason).toBe('replay');
    expect(r.detail).toBe('message identifier 4371, message code 5, update 0 was already accepted');
    expect(verifyBroadcast({ pages: broadcast({ updateNumber: 1 }), jwks: JWKS, now: NOW, seen })).toMatchObject({
      ok: true,
      updateNumber: 1,
      messageCode: 5,
    });
    expect(seen.size).toBe(2);
  });

  it('refuses a wrapped update number while the earlier message is remembered and accepts it once that has left the window', () => {
    const seen = new ReplayMemory({ maxAgeSeconds: 3600 });
    const verify = (issueTime: number, nowSeconds: number) =>
      verifyBroadcast({ pages: broadcast({ issueTime }), jwks: JWKS, now: new Date(nowSeconds * 1000), maxAgeSeconds: 3600, seen });
    expect(verify(ISSUE_TIME, ISSUE_TIME + 60).ok).toBe(true);
    // Sixteen updates later, within the hour: update number 0 again, a newer issue time.
    expect(verify(ISSUE_TIME + 1800, ISSUE_TIME + 1860)).toMatchObject({ ok: false, reason: 'replay' });
    // The first message's issue time is now more than 3600 + 300 s old: the same serial is new.
    expect(verify(ISSUE_TIME + 3901, ISSUE_TIME + 3901).ok).toBe(true);
    expect(verify(ISSUE_TIME + 3901, ISSUE_TIME + 3902)).toMatchObject({ ok: false, reason: 'replay' });
    expect(seen.size).toBe(1);
  });

  it('remembers nothing of a refused broadcast', () => {
    const seen = new ReplayMemory();
    expect(refusal(broadcast({ issueTime: ISSUE_TIME - 3 * 24 * 3600 }), { seen }).reason).toBe('expired');
    expect(seen.size).toBe(0);
  });

  it('refuses a message with a page missing as malformed', () => {
    const [p1, , fs2] = broadcast();
    const r = refusal([p1, fs2]);
    expect(r.reason).toBe('malformed');
    expect(r.detail).toBe('page 2 of 2 is missing');
  });

  it('refuses a page given twice as malformed', () => {
    const [p1, p2, fs2] = broadcast();
    expect(refusal([p1, p2, p2, fs2])).toEqual({ ok: false, reason: 'malformed', detail: 'page 2 of 2 appears twice' });
  });

  it('refuses pages of two different alerts as malformed, and verifyBroadcasts takes them one by one', () => {
    const first = broadcast();
    const other = broadcast({ messageCode: 6 });
    expect(refusal([...first, ...other]).detail).toBe('the pages hold 2 messages, not one alert and its companion');
    const interleaved = [other[0], first[2], first[0], other[2], first[1], other[1]];
    expect(verifyBroadcasts({ pages: interleaved, jwks: JWKS, now: NOW }).map((r) => r.ok && r.messageCode)).toEqual([6, 5]);
  });

  it('refuses a page that is not 88 octets as malformed', () => {
    const [p1, p2, fs2] = broadcast();
    expect(refusal([p1, p2, fs2.subarray(0, 87)])).toEqual({
      ok: false,
      reason: 'malformed',
      detail: 'page 3 given is 87 octets, not 88',
    });
  });

  it('refuses no pages at all as malformed', () => {
    expect(refusal([])).toEqual({ ok: false, reason: 'malformed', detail: 'no pages' });
  });

  it('reports an alert without its companion as unsigned, with the text a phone still shows', () => {
    const [p1, p2] = broadcast();
    expect(refusal([p1, p2])).toEqual({
      ok: false,
      reason: 'unsigned',
      detail: 'no FS2 companion on message identifier 40960 with serial number 49232 naming message identifier 4371',
      unverified: { messageIdentifier: 4371, serialNumber: 0xc050, language: 'it', text: ITALIAN_TWO_PAGES },
    });
  });

  it('waits for the companion for the configured time after the last page, then reports unsigned', () => {
    const [p1, p2, fs2] = broadcast();
    const at = (page: Uint8Array, seconds: number) => ({ page, receivedAt: new Date(NOW.getTime() + seconds * 1000) });
    const pages = [at(p1, 0), at(p2, 5)];
    const when = (seconds: number, wait?: number) =>
      verifyBroadcast({ pages, jwks: JWKS, now: new Date(NOW.getTime() + seconds * 1000), companionWaitSeconds: wait });
    expect(when(34)).toMatchObject({ ok: false, reason: 'awaiting-companion', unverified: { text: ITALIAN_TWO_PAGES } });
    expect(when(35)).toMatchObject({ ok: false, reason: 'unsigned' });
    expect(when(64, 60)).toMatchObject({ ok: false, reason: 'awaiting-companion' });
    // Received before its alert, or late within the wait: it pairs all the same.
    expect(verifyBroadcast({ pages: [at(fs2, -10), ...pages], jwks: JWKS, now: new Date(NOW.getTime() + 6000) }).ok).toBe(true);
    expect(verifyBroadcast({ pages: [...pages, at(fs2, 20)], jwks: JWKS, now: new Date(NOW.getTime() + 21000) }).ok).toBe(true);
  });

  it('pairs an additional-language alert with the second companion channel only', () => {
    const english = broadcast({ text: 'Earthquake. Stay away from buildings.', language: 'en', messageIdentifier: 4384, companionIdentifier: 0xa001 });
    expect(verifyBroadcast({ pages: english, jwks: JWKS, now: NOW })).toMatchObject({ ok: true, messageIdentifier: 4384 });
    const onPrimary = broadcast({ text: 'Earthquake. Stay away from buildings.', language: 'en', messageIdentifier: 4384, companionIdentifier: 0xa000 });
    expect(refusal(onPrimary).reason).toBe('unsigned');
    const configured = broadcast({ companionIdentifier: 0xa123 });
    expect(refusal(configured).reason).toBe('unsigned');
    expect(verifyBroadcast({ pages: configured, jwks: JWKS, now: NOW, companionIdentifiers: { primary: 0xa123, additionalLanguage: 0xa124 } }).ok).toBe(true);
  });

  it('refuses a companion that names another message identifier: the alert stays unsigned', () => {
    const [p1, p2] = broadcast();
    const [, , otherCompanion] = broadcast({ messageIdentifier: 4372 });
    expect(refusal([p1, p2, otherCompanion]).reason).toBe('unsigned');
  });

  it('takes the companion that verifies when a stale one for another text is on air too', () => {
    const genuine = broadcast();
    const stale = broadcast({ text: ITALIAN_TWO_PAGES.replace('6.1', '6.2') });
    expect(verifyBroadcast({ pages: [stale[2], ...genuine], jwks: JWKS, now: NOW }).ok).toBe(true);
  });

  it('refuses an FS2 page with non-zero padding as malformed', () => {
    const pages = broadcast();
    pages[2][87] = 1;
    const r = refusal(pages);
    expect(r.reason).toBe('malformed');
    expect(r.detail).toBe('companion page: cell-broadcast/malformed-page: companion octets 77..81 must be zero');
  });

  it('shows a stock handset exactly the text: the alert pages carry nothing but text and CR padding', () => {
    const [p1, p2] = broadcast();
    expect(decodeBroadcastPages(0x02, [p1, p2].map((p) => parsePage(p).content)).text).toBe(ITALIAN_TWO_PAGES);
  });
});
