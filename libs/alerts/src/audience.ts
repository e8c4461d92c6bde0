import { CellBroadcastError, encodeBroadcastText, GROUP_MESSAGE_IDENTIFIERS, selectMessageIdentifier, type AlertClassInput } from '@faro/cell-broadcast';
import { MAX_GROUP_TEXT_OCTETS } from '@faro/broadcast-security';
import type { Principal } from '@faro/identity';
import { AlertError } from './alert-error';
import type { AlertLanguage } from './incident-draft';

// Who may read an alert: every phone (audienceGroupId null: signed clear text on the PWS
// identifiers) or the members of one group (AES-256-GCM under the group's key, on the group channel).
export interface AudienceDirectory {
  // Throws AlertError 'alert/unknown-audience' for a group that does not exist and 'alert/forbidden'
  // for one outside the principal's jurisdiction.
  assertMayAddress(groupId: string, principal: Principal): Promise<void>;
}

export function messageIdentifiersFor(audienceGroupId: string | null, c: AlertClassInput): { primary: number; additionalLanguage: number } {
  if (audienceGroupId) return { ...GROUP_MESSAGE_IDENTIFIERS };
  const { primary, additionalLanguage } = selectMessageIdentifier(c);
  return { primary, additionalLanguage };
}

// A text that cannot fit the broadcast is refused at the door, naming the language: GSM 7-bit or
// UCS-2 pages for the public, the FG1 stream's 1,109 UTF-8 octets for a group.
export function checkBroadcastTexts(languages: AlertLanguage[], audienceGroupId: string | null): void {
  languages.forEach((l, i) => {
    const at = `/languages/${i}/text`;
    if (audienceGroupId) {
      const octets = Buffer.byteLength(l.text.normalize('NFC'), 'utf8');
      if (octets > MAX_GROUP_TEXT_OCTETS) {
        throw new AlertError('alert/text-too-long', `languages[${i}] (${l.language}): ${octets} UTF-8 octets; a group message holds at most ${MAX_GROUP_TEXT_OCTETS}`, at);
      }
      return;
    }
    try {
      encodeBroadcastText(l.text, l.language);
    } catch (e) {
      if (!(e instanceof CellBroadcastError)) throw e;
      // Only a text that does not fit is too long: a lone surrogate, or a language with no
      // two-letter code to put on air, is an invalid incident at its own field.
      if (e.code === 'cell-broadcast/too-long') throw new AlertError('alert/text-too-long', `languages[${i}] (${l.language}): ${e.message}`, at);
      const field = e.code === 'cell-broadcast/unsupported-language' ? `/languages/${i}/language` : at;
      throw new AlertError('alert/invalid-incident', `${field}: ${e.message}`, field);
    }
  });
}
