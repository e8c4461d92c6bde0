import { generateGroupKey, generateSigningKey, openGroupText, signEd25519, verifyEd25519 } from '@faro/broadcast-security';
import { decodeBroadcastPages, GROUP_MESSAGE_IDENTIFIERS, parseCompanionContent, parsePage, parseSignaturePageContent, signedPayload } from '@faro/cell-broadcast';
import type { Alert } from './alert';
import { composeBroadcast, previewBroadcast } from './compose-broadcast';
import { messageIdentifiersFor } from './audience';

const signing = generateSigningKey();
const key = { keyId: signing.keyId, sign: (p: Uint8Array) => signEd25519(signing.privateKey, p) };
const issuedAt = new Date('2026-11-25T10:00:00Z');

function alert(audienceGroupId: string | null): Alert {
  const ids = messageIdentifiersFor(audienceGroupId, { status: 'Actual', severity: 'Extreme', urgency: 'Immediate', certainty: 'Observed' });
  return {
    id: '7d1f1c52-4f0b-4a8e-9b8e-3d2c1b0a9f8e',
    languages: [
      { language: 'it-IT', text: 'Squadre: raccolta al campo sportivo di Gemona, ingresso nord.' },
      { language: 'en-GB', text: 'Teams: muster at the Gemona sports ground, north gate.' },
    ],
    messageIdentifier: ids.primary,
    additionalMessageIdentifier: ids.additionalLanguage,
    geographicalScope: 3,
    messageCode: 17,
    codeCycle: 0,
    updateNumber: 0,
    audienceGroupId,
  } as Alert;
}

describe('composeBroadcast for a restricted-audience group', () => {
  const group = { groupId: 'cp-fvg', ...generateGroupKey() };

  it('seals each language under the group key, on the group channel, as 8-bit data signed over the ciphertext', () => {
    const messages = composeBroadcast(alert('cp-fvg'), key, issuedAt, [], group);
    expect(messages.map((m) => [m.language, m.messageIdentifier, m.dcs, m.alphabet, m.groupKeyId])).toEqual([
      ['it', GROUP_MESSAGE_IDENTIFIERS.primary, 0x44, 'data', group.keyId],
      ['en', GROUP_MESSAGE_IDENTIFIERS.additionalLanguage, 0x44, 'data', group.keyId],
    ]);
    for (const [i, m] of messages.entries()) {
      const pages = m.pages.map((p) => parsePage(p));
      const textPages = pages.slice(0, -1).map((p) => p.content);
      const fs1 = parseSignaturePageContent(pages.at(-1)!.content);
      const payload = signedPayload({ messageIdentifier: m.messageIdentifier, serialNumber: m.serialNumber, dcs: 0x44, issueTime: fs1.issueTime, keyId: fs1.keyId, textPages });
      expect(verifyEd25519(signing.publicKey, payload, fs1.signature)).toBe(true);
      const opened = openGroupText({ groupKey: group.key, groupKeyId: group.keyId, messageIdentifier: m.messageIdentifier, serialNumber: m.serialNumber, issueTime: fs1.issueTime, signingKeyId: fs1.keyId, dcs: 0x44, pages: textPages });
      expect(opened.text).toBe(alert('cp-fvg').languages[i].text);
      // No clear text anywhere on air.
      expect(Buffer.concat(m.pages).toString('latin1')).not.toContain('Gemona');
    }
  });

  it('refuses to compose a group alert without that group key', () => {
    expect(() => composeBroadcast(alert('cp-fvg'), key, issuedAt, [])).toThrow(/needs that group's key/);
    expect(() => composeBroadcast(alert('cp-fvg'), key, issuedAt, [], { ...group, groupId: 'other' })).toThrow(/needs that group's key/);
  });

  it('previews the pages a group message will take', () => {
    const [it] = previewBroadcast(alert('cp-fvg'));
    const [m] = composeBroadcast(alert('cp-fvg'), key, issuedAt, [], group);
    expect(it).toMatchObject({ alphabet: 'data', dcs: 0x44, totalPages: m.pages.length });
  });

  it('keeps the FS1 page inside a group message and adds no companion', () => {
    const messages = composeBroadcast(alert('cp-fvg'), key, issuedAt, [], group);
    expect(messages.map((m) => [m.kind, m.signsMessageId])).toEqual([['alert', null], ['alert', null]]);
  });
});

describe('composeBroadcast for a public alert', () => {
  it('puts only the text on the PWS identifiers and the signature in a companion per language, same serial', () => {
    const messages = composeBroadcast(alert(null), key, issuedAt, []);
    expect(messages.map((m) => [m.kind, m.language, m.messageIdentifier, m.dcs, m.pages.length])).toEqual([
      ['companion', 'it', 0xa000, 0x44, 1],
      ['alert', 'it', 4371, 0x02, 1],
      ['companion', 'en', 0xa001, 0x44, 1],
      ['alert', 'en', 4384, 0x01, 1],
    ]);
    for (const m of messages.filter((x) => x.kind === 'alert')) {
      const c = messages.find((x) => x.signsMessageId === m.id)!;
      expect(c.serialNumber).toBe(m.serialNumber);
      const fs2 = parseCompanionContent(parsePage(c.pages[0]).content);
      expect(fs2.signedMessageIdentifier).toBe(m.messageIdentifier);
      const textPages = m.pages.map((p) => parsePage(p).content);
      const payload = signedPayload({ messageIdentifier: m.messageIdentifier, serialNumber: m.serialNumber, dcs: m.dcs, issueTime: fs2.issueTime, keyId: fs2.keyId, textPages });
      expect(verifyEd25519(signing.publicKey, payload, fs2.signature)).toBe(true);
      expect(decodeBroadcastPages(m.dcs, textPages).text).toBe(alert(null).languages[m.language === 'it' ? 0 : 1].text);
    }
  });

  it('takes the companion identifiers it is configured with', () => {
    const messages = composeBroadcast(alert(null), key, issuedAt, [], undefined, { primary: 0xa123, additionalLanguage: 0xaffe });
    expect(messages.filter((m) => m.kind === 'companion').map((m) => m.messageIdentifier)).toEqual([0xa123, 0xaffe]);
  });

  it('previews the text pages alone', () => {
    const [it] = previewBroadcast(alert(null));
    expect(it).toMatchObject({ alphabet: 'gsm7', textPages: 1, totalPages: 1 });
  });
});
