import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { GCM_AES256_VECTORS } from './gcm-aes256-vectors';
import {
  GROUP_MESSAGE_DCS,
  MAX_GROUP_TEXT_OCTETS,
  openGroupText,
  sealGroupText,
  type SealGroupTextInput,
} from './group-message';
import { SecurityError } from './security-error';

const hex = (s: string) => Buffer.from(s, 'hex');

describe('AES-256-GCM known answers (McGrew & Viega test cases 13–16) through node:crypto', () => {
  it.each(GCM_AES256_VECTORS)('$name', (v) => {
    const cipher = createCipheriv('aes-256-gcm', hex(v.key), hex(v.iv), { authTagLength: 16 });
    cipher.setAAD(hex(v.aad));
    const ct = Buffer.concat([cipher.update(hex(v.plaintext)), cipher.final()]);
    expect(ct.toString('hex')).toBe(v.ciphertext);
    expect(cipher.getAuthTag().toString('hex')).toBe(v.tag);

    const decipher = createDecipheriv('aes-256-gcm', hex(v.key), hex(v.iv), { authTagLength: 16 });
    decipher.setAAD(hex(v.aad));
    decipher.setAuthTag(hex(v.tag));
    expect(Buffer.concat([decipher.update(hex(v.ciphertext)), decipher.final()]).toString('hex')).toBe(v.plaintext);
  });

  it('refuses a vector whose tag is changed by one bit', () => {
    const v = GCM_AES256_VECTORS[3];
    const tag = hex(v.tag);
    tag[0] ^= 1;
    const decipher = createDecipheriv('aes-256-gcm', hex(v.key), hex(v.iv), { authTagLength: 16 });
    decipher.setAAD(hex(v.aad));
    decipher.setAuthTag(tag);
    decipher.update(hex(v.ciphertext));
    expect(() => decipher.final()).toThrow();
  });
});

const GROUP_KEY = new Uint8Array(randomBytes(32));
const BASE = {
  groupKey: GROUP_KEY,
  groupKeyId: 0x00000007,
  messageIdentifier: 4396,
  serialNumber: 0xc050,
  issueTime: 1767225600,
  signingKeyId: 0x0000002a,
};
const ITALIAN = 'Evacuazione riservata: squadre di soccorso al punto di raccolta “Nord”, entro le 04:00.';

const seal = (o: Partial<SealGroupTextInput> = {}) => sealGroupText({ ...BASE, text: ITALIAN, language: 'it-IT', ...o });
const open = (pages: Uint8Array[], o: Partial<typeof BASE> & { dcs?: number } = {}) =>
  openGroupText({ ...BASE, dcs: GROUP_MESSAGE_DCS, pages, ...o });

function expectOpenFailed(f: () => unknown): void {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(SecurityError);
    expect((e as SecurityError).code).toBe('security/open-failed');
    return;
  }
  throw new Error('expected security/open-failed, the message opened');
}

describe('sealGroupText / openGroupText', () => {
  it('round-trips an Italian text as DCS 0x44 pages with the FG1 header', () => {
    const sealed = seal();
    expect(sealed.dcs).toBe(0x44);
    expect(sealed.pages).toHaveLength(2); // 37 + 2 + 90 UTF-8 octets = 129 > 82
    for (const p of sealed.pages) expect(p).toHaveLength(82);
    const stream = Buffer.concat(sealed.pages);
    expect(stream.subarray(0, 3).toString('ascii')).toBe('FG1');
    const length = stream.readUInt16BE(3);
    expect(length).toBe(37 + 2 + Buffer.byteLength(ITALIAN.normalize('NFC'), 'utf8'));
    expect(stream.readUInt32BE(5)).toBe(7);
    expect(Buffer.from(stream.subarray(9, 21))).toEqual(Buffer.from(sealed.nonce));
    expect(stream.subarray(length).every((o) => o === 0)).toBe(true);
    expect(open(sealed.pages)).toEqual({ language: 'it', text: ITALIAN });
  });

  it('round-trips a long text over several pages, and a text that fills exactly 14 pages', () => {
    const long = 'Squadra A: presidiare il ponte sul Tagliamento. '.repeat(12);
    const sealed = seal({ text: long });
    expect(sealed.pages.length).toBeGreaterThan(5);
    expect(open(sealed.pages)).toEqual({ language: 'it', text: long });

    const full = 'x'.repeat(MAX_GROUP_TEXT_OCTETS);
    const sealedFull = seal({ text: full, language: 'en' });
    expect(sealedFull.pages).toHaveLength(14);
    expect(Buffer.concat(sealedFull.pages).readUInt16BE(3)).toBe(14 * 82);
    expect(open(sealedFull.pages)).toEqual({ language: 'en', text: full });
  });

  it('refuses a text longer than 14 pages', () => {
    expect(() => seal({ text: 'x'.repeat(MAX_GROUP_TEXT_OCTETS + 1) })).toThrow(
      expect.objectContaining({ code: 'security/invalid-input', message: expect.stringContaining('15 pages') }),
    );
  });

  it('refuses the wrong group key', () => {
    const { pages } = seal();
    expectOpenFailed(() => open(pages, { groupKey: new Uint8Array(randomBytes(32)) }));
  });

  it('refuses the right key under the wrong group key id', () => {
    const { pages } = seal();
    expectOpenFailed(() => open(pages, { groupKeyId: 8 }));
  });

  it('refuses any single flipped bit in any page', () => {
    const { pages } = seal({ text: 'Punto di raccolta Nord.' });
    expect(pages).toHaveLength(1);
    const long = seal({ text: 'Punto di raccolta Nord. '.repeat(5) }).pages;
    expect(long.length).toBeGreaterThan(1);
    let cases = 0;
    for (const set of [pages, long]) {
      for (let p = 0; p < set.length; p++) {
        for (let bit = 0; bit < 82 * 8; bit++) {
          const tampered = set.map((page) => new Uint8Array(page));
          tampered[p][bit >> 3] ^= 1 << (bit & 7);
          expectOpenFailed(() => open(tampered));
          cases++;
        }
      }
    }
    expect(cases).toBe((1 + long.length) * 82 * 8);
  });

  it('binds the header fields: serial number, issue time, message identifier, signing key id, DCS', () => {
    const { pages } = seal();
    expectOpenFailed(() => open(pages, { serialNumber: 0xc051 }));
    expectOpenFailed(() => open(pages, { issueTime: BASE.issueTime + 1 }));
    expectOpenFailed(() => open(pages, { messageIdentifier: 4397 }));
    expectOpenFailed(() => open(pages, { signingKeyId: 0x2b }));
    expectOpenFailed(() => open(pages, { dcs: 0x04 }));
  });

  it('refuses dropped, added and reordered pages', () => {
    const { pages } = seal({ text: 'Punto di raccolta Nord. '.repeat(5) });
    expectOpenFailed(() => open(pages.slice(0, -1)));
    expectOpenFailed(() => open([...pages, new Uint8Array(82)]));
    expectOpenFailed(() => open([...pages].reverse()));
  });

  it('draws a fresh nonce for every seal of the same text', () => {
    const a = seal();
    const b = seal();
    expect(Buffer.from(a.nonce).equals(Buffer.from(b.nonce))).toBe(false);
    expect(Buffer.concat(a.pages).equals(Buffer.concat(b.pages))).toBe(false);
  });

  it('is deterministic only when a test passes the nonce', () => {
    const nonce = new Uint8Array(12).fill(9);
    expect(Buffer.concat(seal({ nonce }).pages)).toEqual(Buffer.concat(seal({ nonce }).pages));
    expect(() => seal({ nonce: new Uint8Array(11) })).toThrow(expect.objectContaining({ code: 'security/invalid-input' }));
  });

  it('refuses bad input to seal', () => {
    expect(() => seal({ groupKey: new Uint8Array(16) })).toThrow(expect.objectContaining({ code: 'security/invalid-input' }));
    expect(() => seal({ groupKeyId: 2 ** 32 })).toThrow(expect.objectContaining({ code: 'security/invalid-input' }));
    expect(() => seal({ language: 'ita' })).toThrow(expect.objectContaining({ code: 'security/invalid-input' }));
    expect(() => seal({ text: 'a\ud800' })).toThrow(expect.objectContaining({ code: 'security/invalid-input' }));
  });
});
