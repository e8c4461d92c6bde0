import { CellBroadcastError } from './cell-broadcast-error';
import { describeDataCodingScheme } from './data-coding-scheme';
import { decodeGsm7Septets } from './gsm7-alphabet';
import { unpackGsm7 } from './gsm7-packing';
import { PAGE_CONTENT_OCTETS, SEPTETS_PER_PAGE } from './page';

export interface DecodedBroadcastText {
  language: string | null;
  text: string;
}

interface DecodedPage {
  language: string | null;
  text: string;
}

// Reads 82-octet page contents the way Android does
// (packages/modules/CellBroadcastService src/com/android/cellbroadcastservice/GsmSmsCbMessage.java,
// unpackBody): each page separately, language prefix taken off each page, trailing CRs dropped
// from each page, then the pages concatenated.
export function decodeBroadcastPages(dcs: number, pages: Uint8Array[]): DecodedBroadcastText {
  const scheme = describeDataCodingScheme(dcs);
  const decoded = pages.map((content, i): DecodedPage => {
    if (content.length !== PAGE_CONTENT_OCTETS) {
      throw new CellBroadcastError(
        'cell-broadcast/malformed-page',
        `page ${i + 1} content must be ${PAGE_CONTENT_OCTETS} octets, got ${content.length}`,
      );
    }
    if (scheme.alphabet === 'gsm7') {
      const body = decodeGsm7Septets(unpackGsm7(content, SEPTETS_PER_PAGE));
      // "Language is two GSM characters followed by a CR" (GsmSmsCbMessage.unpackBody).
      if (scheme.languagePrefix) return { language: body.slice(0, 2), text: stripTrailingCr(body.slice(3)) };
      return { language: scheme.language, text: stripTrailingCr(body) };
    }
    if (scheme.languagePrefix) {
      return {
        language: decodeGsm7Septets(unpackGsm7(content.subarray(0, 2), 2)),
        text: stripTrailingCr(decodeUcs2(content.subarray(2))),
      };
    }
    return { language: scheme.language, text: stripTrailingCr(decodeUcs2(content)) };
  });
  return {
    language: decoded[0]?.language ?? scheme.language,
    text: decoded.map((p) => p.text).join(''),
  };
}

function decodeUcs2(octets: Uint8Array): string {
  let text = '';
  for (let i = 0; i + 1 < octets.length; i += 2) text += String.fromCharCode((octets[i] << 8) | octets[i + 1]);
  return text;
}

function stripTrailingCr(text: string): string {
  return text.replace(/\r+$/, '');
}
