import { CellBroadcastError, PAGE_CONTENT_OCTETS, parsePage } from '@faro/cell-broadcast';
import { UplinkError } from './uplink-error';

// The JSON body of osmo-cbc's ECBE `POST /api/ecbe/v1/message` (a `cbc_message`), as its parser
// reads it (osmo-cbc 0.5.3 src/rest_api.c json2cbc_message; the hand-kept cbc.schema.json beside
// it is not valid JSON and drifted, so the parser is the contract).
export interface EcbeCbcMessage {
  cbe_name: string;
  category: EcbeCategory;
  // Units are the peers' (CBSP: ≈1.883 s slots, TS 48.049 §8.2.8; SBc-AP: seconds), 0..4095.
  repetition_period: number;
  // 0 would be "unlimited": the adapter never sends it (see ecbe-cbc-adapter.ts).
  num_of_bcast: number;
  // osmo-cbc 0.5.3 accepts no other scope: the message goes to every peer of the CBC.
  scope: { scope_plmn: Record<string, never> };
  smscb_message: {
    serial_nr: { serial_nr_encoded: number };
    message_id: number;
    // Pre-encoded pages, never payload_decoded: 0.5.3 turns `ucs2` text into no pages at all
    // (its iconv call answers 0, read as the length), and GSM text without the language prefix
    // Faro puts on every page (libs/cell-broadcast).
    payload: { payload_encoded: { dcs: number; pages: string[] } };
  };
}

export type EcbeCategory = 'normal' | 'high_priority' | 'background';

export interface EcbeMessageInput {
  cbeName: string;
  category: EcbeCategory;
  messageIdentifier: number;
  serialNumber: number;
  dcs: number;
  /** Whole CBS pages (TS 23.041 §9.4.1.2: 6-octet header + 82 octets), hex, as the envelope carries them. */
  pages: readonly string[];
  repetitionPeriod: number;
  numberOfBroadcasts: number;
}

/**
 * The ECBE body for pages libs/cell-broadcast encoded: each page's header is checked against the
 * message and dropped (the CBC writes its own from serial_nr, message_id and dcs), and its
 * 82 octets of content go as hex, the most one ECBE page holds.
 */
export function ecbeMessage(input: EcbeMessageInput): EcbeCbcMessage {
  rangeOrReject('repetition period', input.repetitionPeriod, 1, 4095);
  rangeOrReject('number of broadcasts', input.numberOfBroadcasts, 1, 65535);
  if (input.pages.length < 1 || input.pages.length > 15) {
    throw new UplinkError('uplink/rejected', `an ECBE message holds 1 to 15 pages, not ${input.pages.length}`, false);
  }
  const contents = input.pages.map((hex, i) => {
    let page;
    try {
      page = parsePage(Uint8Array.from(Buffer.from(hex, 'hex')));
    } catch (e) {
      if (e instanceof CellBroadcastError) throw new UplinkError('uplink/rejected', `page ${i + 1}: ${e.message}`, false, { cause: e });
      throw e;
    }
    if (page.serialNumber !== input.serialNumber || page.messageIdentifier !== input.messageIdentifier || page.dcs !== input.dcs) {
      throw new UplinkError('uplink/rejected', `page ${i + 1} belongs to another message (serial, identifier or DCS)`, false);
    }
    if (page.pageNumber !== i + 1 || page.totalPages !== input.pages.length) {
      throw new UplinkError('uplink/rejected', `page ${i + 1} is numbered ${page.pageNumber}/${page.totalPages}`, false);
    }
    // parsePage guarantees PAGE_CONTENT_OCTETS (82): osmo-cbc refuses a longer page.
    return Buffer.from(page.content.subarray(0, PAGE_CONTENT_OCTETS)).toString('hex');
  });
  return {
    cbe_name: input.cbeName,
    category: input.category,
    repetition_period: input.repetitionPeriod,
    num_of_bcast: input.numberOfBroadcasts,
    scope: { scope_plmn: {} },
    smscb_message: {
      serial_nr: { serial_nr_encoded: input.serialNumber },
      message_id: input.messageIdentifier,
      payload: { payload_encoded: { dcs: input.dcs, pages: contents } },
    },
  };
}

function rangeOrReject(what: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UplinkError('uplink/rejected', `an ECBE ${what} of ${value} is outside ${min}..${max}`, false);
  }
}
