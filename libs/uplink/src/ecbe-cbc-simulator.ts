// A Cell Broadcast Centre behind osmo-cbc's ECBE REST interface, behaving as 0.5.3 does
// (src/rest_api.c, src/rest_it_op.c, src/smscb_message_fsm.c, and issue 14's observations), without
// HTTP: apps/uplink-sim serves it per terrestrial CBC and test/osmo-cbc-ecbe-server.ts on a port
// of its own, so the two stand-ins are one implementation.
// - POST /api/ecbe/v1/message validates in the order and with the words of rest_api.c, answering
//   400 at once with the reason; 409 `Could not allocate` when the message id is still active;
//   otherwise the message is active and the answer waits for the peers: 201 `Created` once they
//   acknowledge (~100 ms), or, when none does, 200 with an empty body when the CBC's 15 s timer
//   fires (the message stays active);
// - DELETE /api/ecbe/v1/message/:id: 404 `Unknown message ID`, or 200 `OK` after the peers'
//   answer (up to 10 s observed);
// - nothing else: no GET, no status, no update (404 to anything else);
// - answers are plain text (the HTTP side sends no Content-Type).

export interface EcbeCbcSettings {
  peersAcknowledge: boolean;
  ackDelayMs: number;
  noAckWaitMs: number;
  deleteDelayMs: number;
  // Stands for a parser stricter than ours on some field: answers 400 with this text at once.
  refuse?: ((body: Record<string, unknown>) => string | null) | null;
}

export interface EcbeActiveMessage {
  messageId: number;
  serialNr: number;
  dcs: number;
  pages: string[];
  repetitionPeriod: number;
  numOfBcast: number;
}

// What the CBC does besides answering: a hook that throws leaves the message inactive and the
// request answered 500, so nothing is recorded on air that the CBC did not take, and the reverse.
export interface EcbeCbcHooks {
  activated?(message: EcbeActiveMessage): Promise<void>;
  deleted?(message: EcbeActiveMessage): Promise<void>;
}

export interface EcbeExchange {
  method: string;
  path: string;
  body: unknown;
  status: number;
  at: number;
}

export interface EcbeAnswer {
  status: number;
  text: string;
}

export const OSMO_CBC_DEFAULTS: EcbeCbcSettings = { peersAcknowledge: true, ackDelayMs: 100, noAckWaitMs: 15_000, deleteDelayMs: 0 };

const PREFIX = '/api/ecbe/v1';

export class EcbeCbcSimulator {
  readonly active = new Map<number, EcbeActiveMessage>();
  readonly requests: EcbeExchange[] = [];
  readonly settings: EcbeCbcSettings;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    settings: Partial<EcbeCbcSettings> = {},
    private readonly hooks: EcbeCbcHooks = {},
  ) {
    this.settings = { ...OSMO_CBC_DEFAULTS, ...settings };
  }

  // path: from /api/ecbe/v1 on; body: the request's text as received.
  async handle(method: string, path: string, rawBody: string): Promise<EcbeAnswer> {
    let body: unknown = rawBody;
    try {
      body = rawBody ? JSON.parse(rawBody) : undefined;
    } catch {
      /* kept as text: the POST handler answers it */
    }
    const answer = await this.route(method, path, body);
    this.requests.push({ method, path, body, status: answer.status, at: Date.now() });
    if (this.requests.length > 1000) this.requests.splice(0, this.requests.length - 1000);
    return answer;
  }

  // A CBC restarted empty: every active message is gone with its process.
  forgetAll(): void {
    this.active.clear();
  }

  // No pending answer keeps its caller's process alive.
  close(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private route(method: string, path: string, body: unknown): Promise<EcbeAnswer> {
    if (method === 'POST' && path === `${PREFIX}/message`) return this.post(body);
    const del = new RegExp(`^${PREFIX}/message/([^/]+)$`).exec(path);
    if (method === 'DELETE' && del) return this.remove(del[1]);
    return Promise.resolve({ status: 404, text: '' });
  }

  private async post(body: unknown): Promise<EcbeAnswer> {
    if (typeof body !== 'object' || body === null) return { status: 400, text: 'REST: No JSON Body' };
    const refused = this.settings.refuse?.(body as Record<string, unknown>);
    if (refused) return { status: 400, text: refused };
    const parsed = parseCbcMessage(body as Record<string, unknown>);
    if (typeof parsed === 'string') return { status: 400, text: parsed };
    if (this.active.has(parsed.messageId)) return { status: 409, text: 'Could not allocate' };
    this.active.set(parsed.messageId, parsed);
    try {
      await this.hooks.activated?.(parsed);
    } catch {
      this.active.delete(parsed.messageId);
      return { status: 500, text: 'Internal error' };
    }
    if (this.settings.peersAcknowledge) {
      await this.wait(this.settings.ackDelayMs);
      return { status: 201, text: 'Created' };
    }
    await this.wait(this.settings.noAckWaitMs);
    return { status: 200, text: '' };
  }

  private async remove(idText: string): Promise<EcbeAnswer> {
    const id = Number.parseInt(idText, 10);
    if (!(id >= 0 && id <= 65535)) return { status: 400, text: '' };
    const message = this.active.get(id);
    if (!message) return { status: 404, text: 'Unknown message ID' };
    await this.wait(this.settings.deleteDelayMs);
    if (this.active.get(id) !== message) return { status: 404, text: 'Unknown message ID' };
    try {
      await this.hooks.deleted?.(message);
    } catch {
      return { status: 500, text: 'Internal error' };
    }
    this.active.delete(id);
    return { status: 200, text: 'OK' };
  }

  private wait(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }
}

const GEO_SCOPES = ['cell_wide_immediate', 'plmn_wide', 'lac_sac_tac_wide', 'cell_wide'];
const CATEGORIES = ['normal', 'high_priority', 'background'];

function int(o: unknown, key: string, min: number, max: number): number | 'absent' | 'invalid' {
  if (typeof o !== 'object' || o === null) return 'invalid';
  const v = (o as Record<string, unknown>)[key];
  if (v === undefined) return 'absent';
  if (!Number.isInteger(v)) return 'invalid';
  return (v as number) < min || (v as number) > max ? 'invalid' : (v as number);
}

// rest_api.c json2cbc_message → json2smscb_message → json2serial_nr / json2payload, in its order.
export function parseCbcMessage(m: Record<string, unknown>): EcbeActiveMessage | string {
  if (typeof m.cbe_name !== 'string') return "CBCMSG 'cbe_name' is mandatory";
  if (m.category !== undefined && !CATEGORIES.includes(m.category as string)) return "CBCMSG 'category' unknown";
  const rep = int(m, 'repetition_period', 0, 4095);
  if (rep === 'absent') return "CBCMSG 'repetiton_period' is mandatory";
  if (rep === 'invalid') return "CBCMSG 'repetiton_period' out of range";
  const num = int(m, 'num_of_bcast', 0, 65535);
  if (num === 'invalid') return "CBCMSG 'num_of_bcast' out of range";
  if (int(m, 'warning_period_sec', 0, 65535) === 'invalid') return "CBCMSG 'warning_period_sec' out of range";
  if (m.scope === undefined) return "CBCMSG 'scope' is mandatory";
  if (typeof m.scope !== 'object' || m.scope === null || !('scope_plmn' in m.scope)) return "CBCMSG only 'scope_plmn' supported";
  const smscb = m.smscb_message as Record<string, unknown> | undefined;
  if (smscb === undefined) return "CBCMSG 'smscb_message' is mandatory";
  if (typeof smscb !== 'object' || smscb === null) return 'not a JSON object';
  const serial = smscb.serial_nr as Record<string, unknown> | undefined;
  if (serial === undefined) return 'serial_nr is mandatory';
  if (typeof serial !== 'object' || serial === null) return "'serial_nr' must be present and an object";
  let serialNr: number;
  const encoded = int(serial, 'serial_nr_encoded', 0, 65535);
  if (typeof encoded === 'number') serialNr = encoded;
  else if (encoded === 'absent' && serial.serial_nr_decoded !== undefined) {
    const d = serial.serial_nr_decoded as Record<string, unknown>;
    if (typeof d?.geo_scope !== 'string') return "'geo_scope' is mandatory";
    const gs = GEO_SCOPES.indexOf(d.geo_scope);
    if (gs < 0) return "'geo_scope' is invalid";
    // 0.5.3 accepts 1024 here and masks it to 10 bits below: kept, as the real one does.
    const code = int(d, 'msg_code', 0, 1024);
    if (typeof code !== 'number') return "'msg_code' is out of range";
    const upd = int(d, 'update_nr', 0, 15);
    if (typeof upd !== 'number') return "'update_nr' is out of range";
    serialNr = ((gs & 3) << 14) | ((code & 0x3ff) << 4) | (upd & 0xf);
  } else return "Either 'serial_nr_encoded' or 'serial_nr_decoded' are mandatory";
  const messageId = int(smscb, 'message_id', 0, 65535);
  if (typeof messageId !== 'number') return 'message_id out of range';
  const payload = smscb.payload as Record<string, unknown> | undefined;
  if (typeof payload !== 'object' || payload === null) return "'payload' must be JSON object";
  const pe = payload.payload_encoded as Record<string, unknown> | undefined;
  if (pe === undefined) {
    // payload_decoded and payload_etws exist in 0.5.3; Faro never sends them, and this stand-in
    // does not model what they would put on air.
    if (payload.payload_decoded !== undefined || payload.payload_etws !== undefined) return 'this test server models payload_encoded only';
    return "'payload_type_encoded', 'payload_type_decoded' or 'payload_etws' must be present";
  }
  const dcs = int(pe, 'dcs', 0, 255);
  if (typeof dcs !== 'number') return "'dcs' out of range";
  const pages = pe.pages;
  if (!Array.isArray(pages)) return "'pages' absent or not an array";
  if (pages.length < 1 || pages.length > 15) return "'pages' array size out of range";
  for (const page of pages) {
    if (typeof page !== 'string') return "'pages' array must contain strings";
    if (page.length > 82 * 2) return "'pages' actual data array must contain strings up to 82 hex nibbles";
    if (!/^(?:[0-9a-fA-F]{2})*$/.test(page)) return "'pages' array must contain hex strings";
  }
  return { messageId, serialNr, dcs, pages: pages as string[], repetitionPeriod: rep, numOfBcast: num === 'absent' ? 0 : num };
}
