import { type IncidentDraft, parseIncidentJson } from '@faro/alerts';
import type { DraftingPool } from '../drafting/drafting-pool';
import { HttpEdgeError } from '../http/http-error';

export const INCIDENT_XML_TYPES = ['application/cap+xml', 'application/xml', 'text/xml'];

// A JSON incident up to this size is read on the event loop: handing it to a drafting thread and
// back cost more than reading it (the ingest bench: 270–376 → 395–448 signed webhooks a second,
// p99 0.3–0.55 → 0.17–0.18 s). A larger one, whose polygons the checks walk, goes to a thread.
export const INLINE_JSON_BYTES = 8 * 1024;

export type IncidentFormat = 'json' | 'cap';

export interface IncidentRead {
  format: IncidentFormat;
  draft: IncidentDraft;
  // A CAP document's text as decoded from its bytes (what is stored); null for JSON.
  raw: string | null;
  // CAP's own identity, sender|identifier|sent: the same document twice is one incident.
  capIdentity: string | null;
  // A sensor's CAP document's magnitude parameter or event code, for its release policy.
  magnitude: number | null;
}

// The one way in for an incident, whoever posts it: an operator (incidents.controller.ts) or a
// sensor through its signed webhook (sensor-webhook.controller.ts). The content type decides
// JSON or CAP 1.2; a CAP document is read from the bytes as received, so the parser honours the
// XML declaration's encoding (ISO-8859-1 included); both are read in a drafting thread, off the
// event loop, but for a small JSON incident (INLINE_JSON_BYTES).
export class IncidentIngest {
  constructor(private readonly drafting: DraftingPool) {}

  format(contentType: string | string[] | undefined): IncidentFormat {
    const type = (Array.isArray(contentType) ? contentType[0] : (contentType ?? '')).split(';')[0].trim().toLowerCase();
    if (type === 'application/json') return 'json';
    if (INCIDENT_XML_TYPES.includes(type)) return 'cap';
    throw new HttpEdgeError('http/unsupported-media-type', `Content-Type ${type || '(none)'} is not accepted; send application/json or application/cap+xml`);
  }

  // json: the parsed JSON incident (for a sensor, without its magnitude); bytes: the body as
  // received. sender: the CAP sender a JSON incident is given when it names none. magnitude: a
  // sensor's CAP document is also read for its magnitude (a bad one is its 422).
  async read(format: IncidentFormat, body: { json: unknown; bytes: Buffer | undefined }, now: Date, sender: string, opts: { magnitude?: boolean } = {}): Promise<IncidentRead> {
    if (format === 'json') {
      const inline = body.bytes !== undefined && body.bytes.length <= INLINE_JSON_BYTES;
      const draft = inline ? parseIncidentJson(body.json, now, sender) : await this.drafting.readJson(body.json, now, sender);
      return { format, draft, raw: null, capIdentity: null, magnitude: null };
    }
    // No bytes: the parser's own 422 says what a CAP document lacks.
    const cap = await this.drafting.readCap(body.bytes ?? Buffer.alloc(0), now, opts);
    return { format, draft: cap.draft, raw: cap.text, capIdentity: cap.capIdentity, magnitude: cap.magnitude };
  }
}
