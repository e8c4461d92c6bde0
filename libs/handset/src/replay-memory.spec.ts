import { DEFAULT_REPLAY_MEMORY_ENTRIES, ReplayMemory, ReplayMemoryError } from './replay-memory';
import { DEFAULT_MAX_AGE_SECONDS, MAX_CLOCK_SKEW_SECONDS } from './signed-pages';

const ISSUE_TIME = 1767225600; // 2026-01-01T00:00:00Z
const at = (seconds: number) => new Date(seconds * 1000);
// The last second an entry issued at ISSUE_TIME is kept with the default window.
const LAST_KEPT = ISSUE_TIME + DEFAULT_MAX_AGE_SECONDS + MAX_CLOCK_SKEW_SECONDS;

const alert = (o: { messageCode?: number; updateNumber?: number; issueTime?: number } = {}) => ({
  messageIdentifier: 4371,
  messageCode: o.messageCode ?? 5,
  updateNumber: o.updateNumber ?? 0,
  issueTime: o.issueTime ?? ISSUE_TIME,
});

function corruption(json: unknown): ReplayMemoryError {
  try {
    ReplayMemory.fromJSON(json);
  } catch (e) {
    if (e instanceof ReplayMemoryError) return e;
    throw e;
  }
  throw new Error('expected fromJSON to refuse');
}

describe('ReplayMemory', () => {
  it('has accepted a remembered message and not the same message with another update number', () => {
    const seen = new ReplayMemory();
    seen.remember(alert(), at(ISSUE_TIME + 60));
    expect(seen.hasAccepted(alert(), at(ISSUE_TIME + 120))).toBe(true);
    expect(seen.hasAccepted(alert({ updateNumber: 1 }), at(ISSUE_TIME + 120))).toBe(false);
    expect(seen.hasAccepted(alert({ messageCode: 6 }), at(ISSUE_TIME + 120))).toBe(false);
  });

  it('refuses a re-used update number with a newer issue time while the earlier message is in the window', () => {
    const seen = new ReplayMemory();
    seen.remember(alert(), at(ISSUE_TIME));
    // Sixteen updates later the 4-bit update number is 0 again.
    expect(seen.hasAccepted(alert({ issueTime: ISSUE_TIME + 3600 }), at(ISSUE_TIME + 3600))).toBe(true);
  });

  it('takes a re-used update number for a new message once the earlier one has left the window', () => {
    const seen = new ReplayMemory();
    seen.remember(alert(), at(ISSUE_TIME));
    expect(seen.hasAccepted(alert({ issueTime: LAST_KEPT }), at(LAST_KEPT))).toBe(true);
    expect(seen.hasAccepted(alert({ issueTime: LAST_KEPT + 1 }), at(LAST_KEPT + 1))).toBe(false);
    seen.remember(alert({ issueTime: LAST_KEPT + 1 }), at(LAST_KEPT + 1));
    expect(seen.toJSON().entries).toEqual([alert({ issueTime: LAST_KEPT + 1 })]);
  });

  it('forgets on remember every entry issued more than the window and the clock skew allowance ago', () => {
    const seen = new ReplayMemory();
    seen.remember(alert({ messageCode: 1, issueTime: ISSUE_TIME }), at(ISSUE_TIME));
    seen.remember(alert({ messageCode: 2, issueTime: ISSUE_TIME + 1 }), at(ISSUE_TIME + 1));
    seen.remember(alert({ messageCode: 3, issueTime: LAST_KEPT }), at(LAST_KEPT));
    expect(seen.size).toBe(3);
    seen.remember(alert({ messageCode: 4, issueTime: LAST_KEPT + 1 }), at(LAST_KEPT + 1));
    expect(seen.toJSON().entries.map((e) => e.messageCode)).toEqual([2, 3, 4]);
  });

  it('keeps a shorter window when given one', () => {
    const seen = new ReplayMemory({ maxAgeSeconds: 600 });
    seen.remember(alert(), at(ISSUE_TIME));
    seen.remember(alert({ messageCode: 6, issueTime: ISSUE_TIME + 901 }), at(ISSUE_TIME + 901));
    expect(seen.toJSON().entries).toEqual([alert({ messageCode: 6, issueTime: ISSUE_TIME + 901 })]);
  });

  it('prunes nothing when remember is not told the time', () => {
    const seen = new ReplayMemory();
    seen.remember(alert({ messageCode: 1, issueTime: 0 }));
    seen.remember(alert({ messageCode: 2, issueTime: 0 }));
    expect(seen.size).toBe(2);
    expect(seen.hasAccepted(alert({ messageCode: 1 }))).toBe(true);
  });

  it('keeps the newer issue time when the same message is remembered twice', () => {
    const seen = new ReplayMemory();
    seen.remember(alert({ issueTime: ISSUE_TIME + 10 }), at(ISSUE_TIME + 10));
    seen.remember(alert({ issueTime: ISSUE_TIME }), at(ISSUE_TIME + 10));
    expect(seen.toJSON().entries).toEqual([alert({ issueTime: ISSUE_TIME + 10 })]);
  });

  it('evicts the oldest issue time first when over maxEntries, whatever the order remembered', () => {
    const seen = new ReplayMemory({ maxEntries: 2 });
    const now = at(ISSUE_TIME + 100);
    seen.remember(alert({ messageCode: 1, issueTime: ISSUE_TIME + 20 }), now);
    seen.remember(alert({ messageCode: 2, issueTime: ISSUE_TIME }), now);
    seen.remember(alert({ messageCode: 3, issueTime: ISSUE_TIME + 10 }), now);
    expect(seen.size).toBe(2);
    expect(seen.hasAccepted(alert({ messageCode: 2 }), now)).toBe(false);
    expect(seen.toJSON().entries.map((e) => e.messageCode)).toEqual([3, 1]);
  });

  it('evicts a message remembered last if it is the oldest, so the cap always drops what expires first', () => {
    const seen = new ReplayMemory({ maxEntries: 2 });
    const now = at(ISSUE_TIME + 100);
    seen.remember(alert({ messageCode: 1, issueTime: ISSUE_TIME + 20 }), now);
    seen.remember(alert({ messageCode: 2, issueTime: ISSUE_TIME + 10 }), now);
    seen.remember(alert({ messageCode: 3, issueTime: ISSUE_TIME }), now);
    expect(seen.toJSON().entries.map((e) => e.messageCode)).toEqual([2, 1]);
  });

  it('holds DEFAULT_REPLAY_MEMORY_ENTRIES entries unless told otherwise', () => {
    const seen = new ReplayMemory();
    const now = at(ISSUE_TIME + 60);
    for (let i = 0; i <= DEFAULT_REPLAY_MEMORY_ENTRIES; i++) {
      seen.remember(alert({ messageCode: i % 1024, updateNumber: Math.floor(i / 1024), issueTime: ISSUE_TIME + i % 7 }), now);
    }
    expect(seen.size).toBe(DEFAULT_REPLAY_MEMORY_ENTRIES);
    expect(DEFAULT_REPLAY_MEMORY_ENTRIES).toBe(4096);
  });

  it('refuses options that are not whole numbers', () => {
    expect(() => new ReplayMemory({ maxEntries: 0 })).toThrow(
      expect.objectContaining({ code: 'handset/invalid-replay-memory-option', message: 'maxEntries 0 is not a whole number above 0' }),
    );
    expect(() => new ReplayMemory({ maxAgeSeconds: 1.5 })).toThrow(
      expect.objectContaining({ code: 'handset/invalid-replay-memory-option', message: 'maxAgeSeconds 1.5 is not a whole number of seconds' }),
    );
  });

  it('comes back from its JSON with the same entries, window and cap', () => {
    const seen = new ReplayMemory({ maxAgeSeconds: 3600, maxEntries: 10 });
    seen.remember(alert({ messageCode: 1023, updateNumber: 15, issueTime: ISSUE_TIME + 5 }), at(ISSUE_TIME + 5));
    seen.remember({ ...alert(), messageIdentifier: 0xffff }, at(ISSUE_TIME + 5));
    const text = JSON.stringify(seen);
    expect(JSON.parse(text)).toEqual({
      format: 'faro-replay-memory',
      version: 1,
      entries: [
        { messageIdentifier: 0xffff, messageCode: 5, updateNumber: 0, issueTime: ISSUE_TIME },
        { messageIdentifier: 4371, messageCode: 1023, updateNumber: 15, issueTime: ISSUE_TIME + 5 },
      ],
    });
    const back = ReplayMemory.fromJSON(JSON.parse(text), { maxAgeSeconds: 3600, maxEntries: 10 });
    expect(back.toJSON()).toEqual(seen.toJSON());
    expect(back.hasAccepted(alert({ messageCode: 1023, updateNumber: 15 }), at(ISSUE_TIME + 60))).toBe(true);
    expect(back.maxAgeSeconds).toBe(3600);
    expect(back.maxEntries).toBe(10);
  });

  it('cuts a restored memory down to maxEntries, oldest issue time first', () => {
    const json = {
      format: 'faro-replay-memory',
      version: 1,
      entries: [alert({ messageCode: 1, issueTime: ISSUE_TIME + 2 }), alert({ messageCode: 2 }), alert({ messageCode: 3, issueTime: ISSUE_TIME + 1 })],
    };
    expect(ReplayMemory.fromJSON(json, { maxEntries: 2 }).toJSON().entries.map((e) => e.messageCode)).toEqual([3, 1]);
  });

  it('refuses a file that is not a replay memory instead of starting empty', () => {
    const good = { format: 'faro-replay-memory', version: 1, entries: [alert()] };
    const cases: [unknown, string][] = [
      [null, 'not a replay memory: not a JSON object'],
      [[alert()], 'not a replay memory: not a JSON object'],
      [{ ...good, format: 'something-else' }, 'not a replay memory: format is "something-else", not "faro-replay-memory"'],
      [{ ...good, version: 2 }, 'not a replay memory: version 2 is not 1'],
      [{ format: good.format, version: 1 }, 'not a replay memory: no "entries" array'],
      [{ ...good, entries: [alert(), 7] }, 'not a replay memory: entry 1 is not an object'],
      [{ ...good, entries: [{ ...alert(), seen: true }] }, 'not a replay memory: entry 0 has an unknown field "seen"'],
      [{ ...good, entries: [{ ...alert(), issueTime: undefined }] }, 'not a replay memory: entry 0: issueTime undefined is not a whole number in 0..4294967295'],
      [{ ...good, entries: [{ ...alert(), issueTime: '1767225600' }] }, 'not a replay memory: entry 0: issueTime "1767225600" is not a whole number in 0..4294967295'],
      [{ ...good, entries: [alert({ updateNumber: 16 })] }, 'not a replay memory: entry 0: updateNumber 16 is not a whole number in 0..15'],
      [{ ...good, entries: [alert({ messageCode: 1024 })] }, 'not a replay memory: entry 0: messageCode 1024 is not a whole number in 0..1023'],
      [{ ...good, entries: [alert({ messageCode: -1 })] }, 'not a replay memory: entry 0: messageCode -1 is not a whole number in 0..1023'],
      [{ ...good, entries: [{ ...alert(), messageIdentifier: 0x10000 }] }, 'not a replay memory: entry 0: messageIdentifier 65536 is not a whole number in 0..65535'],
      [{ ...good, entries: [alert(), alert({ issueTime: ISSUE_TIME + 1 })] }, 'not a replay memory: entry 1 repeats 4371:5:0 (message identifier:code:update)'],
    ];
    for (const [json, message] of cases) {
      const e = corruption(json);
      expect({ code: e.code, message: e.message }).toEqual({ code: 'handset/corrupt-replay-memory', message });
    }
  });
});
