import { randomUUID } from 'node:crypto';
import {
  assembleBroadcast,
  assembleCompanionMessage,
  assembleTextMessage,
  COMPANION_DCS,
  DEFAULT_COMPANION_MESSAGE_IDENTIFIERS,
  encodeBroadcastText,
  type CompanionIdentifiers,
  encodeSerialNumber,
  encodeWarningAreaCoordinates,
  signedPayload,
  type WacGeometry,
} from '@faro/cell-broadcast';
import { GROUP_MESSAGE_DCS, GROUP_STREAM_OVERHEAD, sealGroupText } from '@faro/broadcast-security';
import type { Alert } from './alert';
import type { BroadcastMessage } from './broadcast-message';

export interface SigningKey {
  keyId: number;
  sign(payload: Uint8Array): Uint8Array;
}

// A restricted-audience group's active content key.
export interface GroupContentKey {
  groupId: string;
  keyId: number;
  key: Uint8Array;
}

// WEA 3.0 devices wait this long for the geofence before showing the alert anyway.
const WAC_MAX_WAIT_SECONDS = 30;

// Every language of the alert becomes its own message: the first language on the
// primary identifier, the others on the additional-language identifier (TS 23.041). A public
// message carries only its text pages; its signature goes on air as an FS2 companion message on
// the companion identifier of its language slot, same serial number, listed right before it. A
// group alert's text is sealed under the group key and keeps its FS1 page inside
// (docs/broadcast-format.md, "The FS2 companion message" and "Restricted-audience messages").
export function composeBroadcast(
  alert: Alert,
  key: SigningKey,
  issuedAt: Date,
  geofence: WacGeometry[],
  groupKey?: GroupContentKey,
  companions: CompanionIdentifiers = DEFAULT_COMPANION_MESSAGE_IDENTIFIERS,
): BroadcastMessage[] {
  if (alert.audienceGroupId && groupKey?.groupId !== alert.audienceGroupId) {
    throw new Error(`alert ${alert.id} is for group ${alert.audienceGroupId}; composing it needs that group's key`);
  }
  const serialNumber = encodeSerialNumber({
    geographicalScope: alert.geographicalScope,
    messageCode: alert.messageCode,
    updateNumber: alert.updateNumber,
  });
  const issueTime = Math.floor(issuedAt.getTime() / 1000);
  const warningAreaCoordinates = encodeWarningAreaCoordinates(geofence, WAC_MAX_WAIT_SECONDS);
  return alert.languages.flatMap((l, i) => {
    const messageIdentifier = i === 0 ? alert.messageIdentifier : alert.additionalMessageIdentifier;
    const encoded = alert.audienceGroupId
      ? sealedText(l.text, l.language, { messageIdentifier, serialNumber, issueTime, signingKeyId: key.keyId }, groupKey!)
      : encodeBroadcastText(l.text, l.language);
    const signature = key.sign(
      signedPayload({ messageIdentifier, serialNumber, dcs: encoded.dcs, issueTime, keyId: key.keyId, textPages: encoded.pages }),
    );
    const message: BroadcastMessage = {
      id: randomUUID(),
      alertId: alert.id,
      kind: 'alert',
      signsMessageId: null,
      language: encoded.language,
      messageIdentifier,
      serialNumber,
      codeCycle: alert.codeCycle,
      dcs: encoded.dcs,
      alphabet: encoded.alphabet,
      characters: encoded.characters,
      groupKeyId: alert.audienceGroupId ? groupKey!.keyId : null,
      pages: alert.audienceGroupId
        ? assembleBroadcast({ messageIdentifier, serialNumber, encoded, keyId: key.keyId, issueTime, signature })
        : assembleTextMessage({ messageIdentifier, serialNumber, encoded }),
      keyId: key.keyId,
      issueTime,
      signature,
      warningAreaCoordinates,
    };
    if (alert.audienceGroupId) return [message];
    const companionIdentifier = i === 0 ? companions.primary : companions.additionalLanguage;
    const companion: BroadcastMessage = {
      ...message,
      id: randomUUID(),
      kind: 'companion',
      signsMessageId: message.id,
      messageIdentifier: companionIdentifier,
      dcs: COMPANION_DCS,
      alphabet: 'data',
      characters: 0,
      pages: [assembleCompanionMessage({ companionIdentifier, serialNumber, signedMessageIdentifier: messageIdentifier, keyId: key.keyId, issueTime, signature })],
    };
    return [companion, message];
  });
}

function sealedText(
  text: string,
  language: string,
  f: { messageIdentifier: number; serialNumber: number; issueTime: number; signingKeyId: number },
  groupKey: GroupContentKey,
) {
  const sealed = sealGroupText({ ...f, text, language, groupKey: groupKey.key, groupKeyId: groupKey.keyId });
  return {
    dcs: sealed.dcs,
    pages: sealed.pages,
    language: language.split(/[-_]/)[0].toLowerCase(),
    alphabet: 'data' as const,
    characters: [...text.normalize('NFC')].length,
  };
}

export interface LanguagePreview {
  language: string;
  messageIdentifier: number;
  dcs: number;
  alphabet: 'gsm7' | 'ucs2' | 'data';
  characters: number;
  // Septets (GSM 7-bit), UCS-2 code units, or for a group message its sealed stream's octets.
  units: number;
  textPages: number;
  // On the alert's identifier: a group message's text pages and FS1 page; a public alert's text
  // pages alone (its signature is the one page of its companion message).
  totalPages: number;
}

// What release will put on air, per language, before anything is signed.
export function previewBroadcast(alert: Pick<Alert, 'languages' | 'messageIdentifier' | 'additionalMessageIdentifier' | 'audienceGroupId'>): LanguagePreview[] {
  return alert.languages.map((l, i) => {
    if (alert.audienceGroupId) {
      const text = l.text.normalize('NFC');
      const units = GROUP_STREAM_OVERHEAD + 2 + Buffer.byteLength(text, 'utf8');
      const textPages = Math.ceil(units / 82);
      return {
        language: l.language.split(/[-_]/)[0].toLowerCase(),
        messageIdentifier: i === 0 ? alert.messageIdentifier : alert.additionalMessageIdentifier,
        dcs: GROUP_MESSAGE_DCS,
        alphabet: 'data' as const,
        characters: [...text].length,
        units,
        textPages,
        totalPages: textPages + 1,
      };
    }
    const e = encodeBroadcastText(l.text, l.language);
    return {
      language: e.language,
      messageIdentifier: i === 0 ? alert.messageIdentifier : alert.additionalMessageIdentifier,
      dcs: e.dcs,
      alphabet: e.alphabet,
      characters: e.characters,
      units: e.units,
      textPages: e.pages.length,
      totalPages: e.pages.length,
    };
  });
}
