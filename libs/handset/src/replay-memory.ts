import { DEFAULT_MAX_AGE_SECONDS, MAX_CLOCK_SKEW_SECONDS } from './signed-pages';

// What a handset remembers of the broadcasts it has accepted, so the same broadcast received again
// (a network repetition, or a recording played back) is not shown twice. TS 23.041 §9.4.1.2.1: an
// Update or a Cancel keeps the message code and bumps the update number, so a new update number is
// a new message, not a replay.
//
// Bounded by the freshness window: a verifier refuses an issue time more than maxAgeSeconds old as
// `expired` before it asks this memory, so an entry whose issue time is older than that (plus
// MAX_CLOCK_SKEW_SECONDS, so a handset clock set back by up to that much between two broadcasts
// still finds it) can no longer match anything the verifier would accept, and is forgotten. The
// update number is 4 bits and wraps at 16; the key stays (message identifier, message code, update
// number), so a re-used update number is refused while the earlier message is remembered, and is a
// new message once the earlier one has left the window.
//
// Bounded by maxEntries as well, in case more distinct messages than that are accepted within one
// window: the entry with the oldest issue time goes first. Its replay is then accepted until its
// issue time leaves the window, and no longer. Every entry passed the signature check, so only
// broadcasts Faro signed can fill the memory: reopening a replay takes more than maxEntries
// distinct (identifier, code, update) that Faro signed within one window, and the oldest entry
// evicted is the one whose reopened window is the shortest.
export interface AcceptedBroadcast {
  messageIdentifier: number;
  messageCode: number;
  updateNumber: number;
  // The FS1 issue time, unix seconds: the entry is kept until it leaves the freshness window.
  issueTime: number;
}

export interface ReplayMemoryOptions {
  // At least the maxAgeSeconds given to the verifier: a shorter one forgets broadcasts that are
  // still fresh, and their replay is accepted.
  maxAgeSeconds?: number;
  maxEntries?: number;
}

export type ReplayMemoryEntry = AcceptedBroadcast;

export interface ReplayMemoryJson {
  format: typeof JSON_FORMAT;
  version: typeof JSON_VERSION;
  // Oldest issue time first.
  entries: ReplayMemoryEntry[];
}

export type ReplayMemoryErrorCode = 'handset/corrupt-replay-memory' | 'handset/invalid-replay-memory-option';

export class ReplayMemoryError extends Error {
  constructor(
    readonly code: ReplayMemoryErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ReplayMemoryError';
  }
}

// A handset sees a few alerts a day; this is far above that, and about 350 kB as JSON.
export const DEFAULT_REPLAY_MEMORY_ENTRIES = 4096;

const JSON_FORMAT = 'faro-replay-memory';
const JSON_VERSION = 1;

// TS 23.041 §9.4.1.2.1 and §9.4.1.2.2 field widths, and the FS1 issue time's 4 octets.
const FIELD_MAX: Record<keyof ReplayMemoryEntry, number> = {
  messageIdentifier: 0xffff,
  messageCode: 1023,
  updateNumber: 15,
  issueTime: 0xffffffff,
};
const FIELDS = Object.keys(FIELD_MAX) as (keyof ReplayMemoryEntry)[];

export class ReplayMemory {
  readonly maxAgeSeconds: number;
  readonly maxEntries: number;
  // replay key → the issue time it was accepted with.
  private readonly accepted = new Map<string, number>();

  constructor(options: ReplayMemoryOptions = {}) {
    this.maxAgeSeconds = options.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS;
    this.maxEntries = options.maxEntries ?? DEFAULT_REPLAY_MEMORY_ENTRIES;
    if (!Number.isSafeInteger(this.maxAgeSeconds) || this.maxAgeSeconds < 0) {
      throw new ReplayMemoryError('handset/invalid-replay-memory-option', `maxAgeSeconds ${this.maxAgeSeconds} is not a whole number of seconds`);
    }
    if (!Number.isSafeInteger(this.maxEntries) || this.maxEntries < 1) {
      throw new ReplayMemoryError('handset/invalid-replay-memory-option', `maxEntries ${this.maxEntries} is not a whole number above 0`);
    }
  }

  // Without `now`, an entry counts until remember prunes it.
  hasAccepted(b: AcceptedBroadcast, now?: Date): boolean {
    const issueTime = this.accepted.get(replayKey(b));
    if (issueTime === undefined) return false;
    return now === undefined || !this.outOfWindow(issueTime, epochSeconds(now));
  }

  // Prunes by `now` only when it is given: a caller that verified against a clock other than this
  // process's (a test, a --now) must not have entries pruned by the real one.
  remember(b: AcceptedBroadcast, now?: Date): void {
    const nowSeconds = epochSeconds(now ?? new Date());
    if (now !== undefined) {
      for (const [key, issueTime] of this.accepted) {
        if (this.outOfWindow(issueTime, nowSeconds)) this.accepted.delete(key);
      }
    }
    const key = replayKey(b);
    const issueTime = b.issueTime;
    this.accepted.set(key, Math.max(issueTime, this.accepted.get(key) ?? issueTime));
    this.evictOverCap();
  }

  get size(): number {
    return this.accepted.size;
  }

  toJSON(): ReplayMemoryJson {
    const entries = [...this.accepted].map(([key, issueTime]) => {
      const [messageIdentifier, messageCode, updateNumber] = key.split(':').map(Number);
      return { messageIdentifier, messageCode, updateNumber, issueTime };
    });
    entries.sort((a, b) => a.issueTime - b.issueTime);
    return { format: JSON_FORMAT, version: JSON_VERSION, entries };
  }

  // Refuses anything toJSON could not have written: a damaged file is an error, never an empty
  // memory, which would accept every replay of what it held. More entries than maxEntries (a cap
  // lowered since) are cut down to it the usual way, oldest issue time first.
  static fromJSON(json: unknown, options: ReplayMemoryOptions = {}): ReplayMemory {
    const corrupt = (detail: string) => new ReplayMemoryError('handset/corrupt-replay-memory', `not a replay memory: ${detail}`);
    if (!isRecord(json)) throw corrupt('not a JSON object');
    if (json.format !== JSON_FORMAT) throw corrupt(`format is ${JSON.stringify(json.format)}, not "${JSON_FORMAT}"`);
    if (json.version !== JSON_VERSION) throw corrupt(`version ${JSON.stringify(json.version)} is not ${JSON_VERSION}`);
    if (!Array.isArray(json.entries)) throw corrupt('no "entries" array');
    const memory = new ReplayMemory(options);
    for (const [i, entry] of json.entries.entries()) {
      if (!isRecord(entry)) throw corrupt(`entry ${i} is not an object`);
      const extra = Object.keys(entry).find((k) => !(k in FIELD_MAX));
      if (extra !== undefined) throw corrupt(`entry ${i} has an unknown field ${JSON.stringify(extra)}`);
      for (const field of FIELDS) {
        const v = entry[field];
        if (!Number.isInteger(v) || (v as number) < 0 || (v as number) > FIELD_MAX[field]) {
          throw corrupt(`entry ${i}: ${field} ${JSON.stringify(v)} is not a whole number in 0..${FIELD_MAX[field]}`);
        }
      }
      const b = entry as unknown as ReplayMemoryEntry;
      const key = replayKey(b);
      if (memory.accepted.has(key)) throw corrupt(`entry ${i} repeats ${key} (message identifier:code:update)`);
      memory.accepted.set(key, b.issueTime);
    }
    memory.evictOverCap();
    return memory;
  }

  private outOfWindow(issueTime: number, nowSeconds: number): boolean {
    return nowSeconds - issueTime > this.maxAgeSeconds + MAX_CLOCK_SKEW_SECONDS;
  }

  private evictOverCap(): void {
    const excess = this.accepted.size - this.maxEntries;
    if (excess <= 0) return;
    const oldestFirst = [...this.accepted].sort(([, a], [, b]) => a - b);
    for (const [key] of oldestFirst.slice(0, excess)) this.accepted.delete(key);
  }
}

function replayKey(b: AcceptedBroadcast): string {
  return `${b.messageIdentifier}:${b.messageCode}:${b.updateNumber}`;
}

function epochSeconds(d: Date): number {
  return Math.floor(d.getTime() / 1000);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
