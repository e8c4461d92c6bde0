import { generateSigningKey, signEd25519, signingJwk } from '@faro/broadcast-security';
import { composeBroadcast, messageIdentifiersFor, type Alert } from '@faro/alerts';
import { verifyBroadcast } from '@faro/handset';
import { stockHandsetDisplay } from './stock-handset-display';

// What a stock handset shows for each language of a two-language alert, GSM 7-bit and UCS-2,
// decoded with node-pdu (independent of libs/cell-broadcast): the text, its CR padding, nothing
// else; the signature is only in the companion, which a stock handset does not listen to. No
// platform: the pages are composeBroadcast's, the same the fan-out stores and the gateway airs.
const GREEK = 'Σεισμός 6,1. Απομακρυνθείτε από τα κτίρια, μη χρησιμοποιείτε ανελκυστήρες, πηγαίνετε στους χώρους συγκέντρωσης.';
const ENGLISH = 'Earthquake M6.1. Stay away from buildings, do not use lifts, go to the assembly areas.';

describe('a two-language alert as a stock handset shows it', () => {
  const signing = generateSigningKey();
  const key = { keyId: signing.keyId, sign: (p: Uint8Array) => signEd25519(signing.privateKey, p) };
  const ids = messageIdentifiersFor(null, { status: 'Actual', severity: 'Severe', urgency: 'Expected', certainty: 'Likely' });
  const alert = {
    id: '5b0f4a52-0c7e-4c2f-9d3e-2a1b0c9d8e7f',
    languages: [
      { language: 'el', text: GREEK },
      { language: 'en-GB', text: ENGLISH },
    ],
    messageIdentifier: ids.primary,
    additionalMessageIdentifier: ids.additionalLanguage,
    geographicalScope: 3,
    messageCode: 77,
    codeCycle: 0,
    updateNumber: 2,
    audienceGroupId: null,
  } as Alert;
  const issuedAt = new Date();
  const messages = composeBroadcast(alert, key, issuedAt, []);

  it('decodes each alert message to exactly its text, UCS-2 and GSM 7-bit alike', () => {
    const alerts = messages.filter((m) => m.kind === 'alert');
    expect(alerts.map((m) => [m.messageIdentifier, m.dcs])).toEqual([[4378, 0x11], [4391, 0x01]]);
    for (const m of alerts) {
      const display = stockHandsetDisplay(m.dcs, m.pages.map((p) => Buffer.from(p)));
      expect(display.shown).toBe(m.language === 'el' ? GREEK : ENGLISH);
      // Each page is text then CR padding: nothing after the padding.
      for (const page of display.raw) expect(page).toMatch(/^[^\r]*\r*$/);
    }
    // The Greek text takes ⌈108 / 40⌉ UCS-2 pages: each is decoded on its own, as a handset does.
    expect(alerts[0].pages).toHaveLength(Math.ceil([...GREEK].length / 40));
  });

  it('puts each signature on its own identifier with the same serial, where a Faro handset verifies it', () => {
    const jwks = { keys: [signingJwk(signing.keyId, signing.publicKey)] };
    for (const m of messages.filter((x) => x.kind === 'alert')) {
      const companion = messages.find((c) => c.signsMessageId === m.id)!;
      expect(companion).toMatchObject({ kind: 'companion', messageIdentifier: m.language === 'el' ? 0xa000 : 0xa001, serialNumber: m.serialNumber, dcs: 0x44 });
      expect(() => stockHandsetDisplay(companion.dcs, companion.pages.map((p) => Buffer.from(p)))).toThrow('a stock handset shows no text for DCS 0x44');
      expect(verifyBroadcast({ pages: [...companion.pages, ...m.pages], jwks, now: issuedAt })).toMatchObject({
        ok: true,
        text: m.language === 'el' ? GREEK : ENGLISH,
        updateNumber: 2,
        messageCode: 77,
      });
    }
  });
});
