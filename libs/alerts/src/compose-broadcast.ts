import { randomUUID } from 'node:crypto';
import {
  assembleBroadcast,
  encodeBroadcastText,
  encodeSerialNumber,
  encodeWarningAreaCoordinates,
  signedPayload,
  type WacGeometry,
} from '@faro/cell-broadcast';
import type { Alert } from './alert';
import type { BroadcastMessage } from './broadcast-message';

export interface SigningKey {
  keyId: number;
  sign(payload: Uint8Array): Uint8Array;
}

// WEA 3.0 devices wait this long for the geofence before showing the alert anyway.
const WAC_MAX_WAIT_SECONDS = 30;

// Every language of the alert becomes its own message: the first language on the
// primary identifier, the others on the additional-language identifier (TS 23.041).
export function composeBroadcast(alert: Alert, key: SigningKey, issuedAt: Date, geofence: WacGeometry[]): BroadcastMessage[] {
  const serialNumber = encodeSerialNumber({
    geographicalScope: alert.geographicalScope,
    messageCode: alert.messageCode,
    updateNumber: alert.updateNumber,
  });
  const issueTime = Math.floor(issuedAt.getTime() / 1000);
  const warningAreaCoordinates = encodeWarningAreaCoordinates(geofence, WAC_MAX_WAIT_SECONDS);
  return alert.languages.map((l, i) => {
    const messageIdentifier = i === 0 ? alert.messageIdentifier : alert.additionalMessageIdentifier;
    const encoded = encodeBroadcastText(l.text, l.language);
    const signature = key.sign(
      signedPayload({ messageIdentifier, serialNumber, dcs: encoded.dcs, issueTime, keyId: key.keyId, textPages: encoded.pages }),
    );
    return {
      id: randomUUID(),
      alertId: alert.id,
      language: encoded.language,
      messageIdentifier,
      serialNumber,
      codeCycle: alert.codeCycle,
      dcs: encoded.dcs,
      alphabet: encoded.alphabet,
      characters: encoded.characters,
      pages: assembleBroadcast({ messageIdentifier, serialNumber, encoded, keyId: key.keyId, issueTime, signature }),
      keyId: key.keyId,
      issueTime,
      signature,
      warningAreaCoordinates,
    };
  });
}

export interface LanguagePreview {
  language: string;
  messageIdentifier: number;
  dcs: number;
  alphabet: 'gsm7' | 'ucs2';
  characters: number;
  units: number;
  textPages: number;
  totalPages: number; // with the signature page
}

// What release will put on air, per language, before anything is signed.
export function previewBroadcast(alert: Pick<Alert, 'languages' | 'messageIdentifier' | 'additionalMessageIdentifier'>): LanguagePreview[] {
  return alert.languages.map((l, i) => {
    const e = encodeBroadcastText(l.text, l.language);
    return {
      language: e.language,
      messageIdentifier: i === 0 ? alert.messageIdentifier : alert.additionalMessageIdentifier,
      dcs: e.dcs,
      alphabet: e.alphabet,
      characters: e.characters,
      units: e.units,
      textPages: e.pages.length,
      totalPages: e.pages.length + 1,
    };
  });
}
