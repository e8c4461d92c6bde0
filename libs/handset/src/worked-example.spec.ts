import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyBroadcast } from './verify-broadcast';

// The pages printed in the worked example of docs/broadcast-format.md, verified with nothing but
// the published public key: the handset's reading of the format agrees with the doc.
const DOC_PATH = join(__dirname, '../../../docs/broadcast-format.md');

function docBlock(name: string): string {
  const doc = readFileSync(DOC_PATH, 'utf8');
  const m = doc.match(new RegExp(`<!-- example: ${name} -->\\s*\`\`\`[a-z]*\\n([\\s\\S]*?)\\n\`\`\``));
  if (!m) throw new Error(`docs/broadcast-format.md has no example block ${name}`);
  return m[1].replace(/\s+/g, '');
}

const octets = (hex: string) => new Uint8Array(Buffer.from(hex, 'hex'));

describe('the worked example in docs/broadcast-format.md, on a handset', () => {
  const pages = [octets(docBlock('page-1')), octets(docBlock('companion'))];
  const jwks = {
    keys: [{ kty: 'OKP', crv: 'Ed25519', kid: '0000002a', x: Buffer.from(docBlock('public-key'), 'hex').toString('base64url') }],
  };

  it('verifies with the published key a minute after its issue time', () => {
    expect(verifyBroadcast({ pages, jwks, now: new Date('2026-01-01T00:01:00Z') })).toMatchObject({
      ok: true,
      messageIdentifier: 4371,
      serialNumber: 0xc050,
      messageCode: 5,
      updateNumber: 0,
      language: 'it',
      text: 'Terremoto. Allontanarsi dagli edifici.',
      keyId: '0000002a',
      issueTime: new Date('2026-01-01T00:00:00Z'),
    });
  });

  it('is unsigned without its companion page, and still gives the text a phone shows', () => {
    expect(verifyBroadcast({ pages: pages.slice(0, 1), jwks, now: new Date('2026-01-01T00:01:00Z') })).toMatchObject({
      ok: false,
      reason: 'unsigned',
      unverified: { text: 'Terremoto. Allontanarsi dagli edifici.' },
    });
  });

  it('is expired a day and a second after its issue time', () => {
    expect(verifyBroadcast({ pages, jwks, now: new Date('2026-01-02T00:00:01Z') })).toMatchObject({ ok: false, reason: 'expired' });
  });
});
