import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReplayMemory } from '@faro/handset';
import { loadReplayMemory, saveReplayMemory } from './replay-memory-file';

// The file is the whole point of these two functions, so they are run on a real temporary
// directory rather than a fake file system.
const ISSUE_TIME = 1767225600; // 2026-01-01T00:00:00Z
const NOW = new Date((ISSUE_TIME + 60) * 1000);
const alert = { messageIdentifier: 4371, messageCode: 5, updateNumber: 0, issueTime: ISSUE_TIME };

describe('the handset:verify --seen file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'faro-seen-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts an empty memory with the given window when the file does not exist yet', () => {
    const seen = loadReplayMemory(join(dir, 'seen.json'), { maxAgeSeconds: 600 });
    expect(seen.size).toBe(0);
    expect(seen.maxAgeSeconds).toBe(600);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('reads back what it saved, and leaves no temporary file beside it', () => {
    const path = join(dir, 'seen.json');
    const seen = new ReplayMemory();
    seen.remember(alert, NOW);
    saveReplayMemory(path, seen);
    expect(readdirSync(dir)).toEqual(['seen.json']);
    expect(loadReplayMemory(path, {}).hasAccepted(alert, NOW)).toBe(true);

    seen.remember({ ...alert, updateNumber: 1 }, NOW);
    saveReplayMemory(path, seen);
    expect(JSON.parse(readFileSync(path, 'utf8')).entries).toHaveLength(2);
    expect(readdirSync(dir)).toEqual(['seen.json']);
  });

  it('refuses a file that is not JSON rather than forgetting what it held', () => {
    const path = join(dir, 'seen.json');
    writeFileSync(path, '{"format":"faro-replay-memory","version":1,"entries":[{"messageIdentif');
    expect(() => loadReplayMemory(path, {})).toThrow(/^--seen: .*seen\.json is not JSON \(.*\); remove it only if no replay should be refused$/);
    writeFileSync(path, '');
    expect(() => loadReplayMemory(path, {})).toThrow(/^--seen: .*seen\.json is not JSON/);
  });

  it('refuses JSON that is not a replay memory, naming the code', () => {
    const path = join(dir, 'seen.json');
    writeFileSync(path, JSON.stringify({ format: 'faro-replay-memory', version: 1, entries: [{ ...alert, updateNumber: 16 }] }));
    expect(() => loadReplayMemory(path, {})).toThrow(
      `--seen: ${path}: handset/corrupt-replay-memory: not a replay memory: entry 0: updateNumber 16 is not a whole number in 0..15`,
    );
  });

  it('refuses a path it cannot read, such as a directory', () => {
    expect(() => loadReplayMemory(dir, {})).toThrow(new RegExp(`^--seen: cannot read ${dir}: EISDIR`));
  });

  it('reports a path it cannot write and leaves no temporary file behind', () => {
    const path = join(dir, 'missing-directory', 'seen.json');
    expect(() => saveReplayMemory(path, new ReplayMemory())).toThrow(new RegExp(`^--seen: cannot write ${path}: ENOENT`));
    expect(readdirSync(dir)).toEqual([]);
  });
});
