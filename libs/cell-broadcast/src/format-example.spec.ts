import { createPrivateKey, createPublicKey, KeyObject, sign, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assembleTextMessage } from './assemble-broadcast';
import { assembleCompanionMessage, parseCompanionContent } from './companion-message';
import { decodeBroadcastPages } from './decode-broadcast-pages';
import { encodeBroadcastText } from './encode-broadcast-text';
import { selectMessageIdentifier } from './message-identifier';
import { parsePage } from './page';
import { encodeSerialNumber } from './serial-number';
import { signedPayload } from './signature-page';
import { encodeWarningAreaCoordinates } from './warning-area-coordinates';

// Recomputes every number in the worked example of docs/broadcast-format.md and compares it with
// what the doc prints, so the doc cannot drift from the code. Reading the doc is the one file
// read in the unit specs; it is a checked-in file, not state.
const DOC_PATH = join(__dirname, '../../../docs/broadcast-format.md');

// Each checked block in the doc is a fenced block preceded by <!-- example: name -->.
function docExamples(): Map<string, string> {
  const doc = readFileSync(DOC_PATH, 'utf8');
  const blocks = new Map<string, string>();
  for (const m of doc.matchAll(/<!-- example: ([a-z0-9-]+) -->\s*```[a-z]*\n([\s\S]*?)\n```/g)) blocks.set(m[1], m[2]);
  return blocks;
}
const hexBlock = (block: string | undefined) => (block ?? '').replace(/\s+/g, '');
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

// RFC 8032 §7.1 TEST 1 secret key: public, so nobody mistakes it for a real one.
const SEED = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
const PKCS8_ED25519_PREFIX = '302e020100300506032b657004220420';
const SPKI_ED25519_PREFIX = '302a300506032b6570032100';

const TEXT = 'Terremoto. Allontanarsi dagli edifici.';
const KEY_ID = 0x0000002a;
const ISSUE_TIME = 1767225600;

function privateKey(): KeyObject {
  return createPrivateKey({ key: Buffer.from(PKCS8_ED25519_PREFIX + SEED, 'hex'), format: 'der', type: 'pkcs8' });
}

function example() {
  const key = privateKey();
  const encoded = encodeBroadcastText(TEXT, 'it-IT');
  const { primary: messageIdentifier } = selectMessageIdentifier({
    status: 'Actual',
    severity: 'Extreme',
    urgency: 'Immediate',
    certainty: 'Observed',
  });
  const serialNumber = encodeSerialNumber({ geographicalScope: 3, messageCode: 5, updateNumber: 0 });
  const payload = signedPayload({
    messageIdentifier,
    serialNumber,
    dcs: encoded.dcs,
    issueTime: ISSUE_TIME,
    keyId: KEY_ID,
    textPages: encoded.pages,
  });
  const signature = sign(null, payload, key);
  const pages = assembleTextMessage({ messageIdentifier, serialNumber, encoded });
  const companion = assembleCompanionMessage({ companionIdentifier: 0xa000, serialNumber, signedMessageIdentifier: messageIdentifier, keyId: KEY_ID, issueTime: ISSUE_TIME, signature });
  const spki = createPublicKey(key).export({ format: 'der', type: 'spki' });
  return { encoded, messageIdentifier, serialNumber, payload, signature, pages, companion, spki };
}

describe('the worked example in docs/broadcast-format.md', () => {
  const doc = docExamples();
  const ex = example();

  it('prints the seed and public key the example uses', () => {
    expect(hexBlock(doc.get('seed'))).toBe(SEED);
    expect(hex(ex.spki).startsWith(SPKI_ED25519_PREFIX)).toBe(true);
    expect(hexBlock(doc.get('public-key'))).toBe(hex(ex.spki).slice(SPKI_ED25519_PREFIX.length));
  });

  it('derives the RFC 8032 TEST 1 public key from the seed, so the key handling is right', () => {
    expect(hex(ex.spki).slice(SPKI_ED25519_PREFIX.length)).toBe(
      'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    );
  });

  it('uses message identifier 4371, serial 0xc050 and DCS 0x02', () => {
    expect(ex.messageIdentifier).toBe(4371);
    expect(ex.serialNumber).toBe(0xc050);
    expect(ex.encoded).toMatchObject({ alphabet: 'gsm7', dcs: 0x02, characters: 38, units: 38 });
    expect(ex.encoded.pages).toHaveLength(1);
  });

  it('prints the signed payload the code builds', () => {
    expect(hexBlock(doc.get('signed-payload'))).toBe(hex(ex.payload));
  });

  it('prints the signature the seed makes over that payload, and it verifies', () => {
    expect(hexBlock(doc.get('signature'))).toBe(hex(ex.signature));
    expect(verify(null, ex.payload, createPublicKey(privateKey()), ex.signature)).toBe(true);
  });

  it('prints every page as it goes on air: the alert page and its companion', () => {
    expect(ex.pages).toHaveLength(1);
    expect(hexBlock(doc.get('page-1'))).toBe(hex(ex.pages[0]));
    expect(hexBlock(doc.get('companion'))).toBe(hex(ex.companion));
  });

  it('reads back from the printed pages: the text from the alert page and the signature fields from the companion', () => {
    const [text, companion] = ['page-1', 'companion'].map((name) => parsePage(Buffer.from(hexBlock(doc.get(name)), 'hex')));
    expect(decodeBroadcastPages(text.dcs, [text.content])).toEqual({ language: 'it', text: TEXT });
    expect(companion).toMatchObject({ messageIdentifier: 0xa000, serialNumber: 0xc050, dcs: 0x44, pageNumber: 1, totalPages: 1 });
    expect(parseCompanionContent(companion.content)).toEqual({ signedMessageIdentifier: 4371, keyId: KEY_ID, issueTime: ISSUE_TIME, signature: new Uint8Array(ex.signature) });
  });

  it('prints what a receiver that does not know the companion shows: the alert text alone', () => {
    expect(doc.get('legacy-display')).toBe(decodeBroadcastPages(ex.encoded.dcs, ex.pages.map((p) => parsePage(p).content)).text);
    expect(doc.get('legacy-display')).toBe(TEXT);
  });

  it('prints the hand-worked WAC circle', () => {
    expect(hexBlock(doc.get('wac-circle'))).toBe(
      hex(encodeWarningAreaCoordinates([{ type: 'circle', center: { lat: 0, lon: 0 }, radiusKm: 1 }], 30)),
    );
  });

  it('checks every example block the doc has, and no block is missing', () => {
    expect([...doc.keys()].sort()).toEqual(
      ['companion', 'legacy-display', 'page-1', 'public-key', 'seed', 'signature', 'signed-payload', 'wac-circle'].sort(),
    );
  });
});
