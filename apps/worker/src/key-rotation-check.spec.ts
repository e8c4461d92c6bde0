import { KeyRotationCheck, type KeyRotationLog, type KeyRotationTask } from './key-rotation-check';

// A task that answers what it is told to and remembers when it was asked.
class ScriptedTask implements KeyRotationTask {
  readonly asked: Date[] = [];
  constructor(
    readonly name: string,
    private readonly answer: () => Promise<string[]>,
  ) {}

  rotateDue(now: Date): Promise<string[]> {
    this.asked.push(now);
    return this.answer();
  }
}

class MemoryLog implements KeyRotationLog {
  readonly lines: string[] = [];
  log(message: string): void {
    this.lines.push(`log ${message}`);
  }
  error(message: string): void {
    this.lines.push(`error ${message}`);
  }
}

const NOW = new Date('2026-03-01T10:00:00Z');

describe('KeyRotationCheck', () => {
  it('asks every task in turn, logs each rotation and reports what each task rotated', async () => {
    const signing = new ScriptedTask('signing key', async () => ['0000002a active, none previous, none retired']);
    const gateways = new ScriptedTask('gateway keys', async () => []);
    const log = new MemoryLog();
    const outcomes = await new KeyRotationCheck([signing, gateways], log).run(() => NOW);
    expect(outcomes).toEqual([
      { task: 'signing key', rotated: ['0000002a active, none previous, none retired'] },
      { task: 'gateway keys', rotated: [] },
    ]);
    expect(signing.asked).toEqual([NOW]);
    expect(gateways.asked).toEqual([NOW]);
    expect(log.lines).toEqual(['log signing key rotated: 0000002a active, none previous, none retired']);
  });

  it('asks the tasks after one that fails, and logs the failure', async () => {
    const broken = new ScriptedTask('signing key', async () => {
      throw new Error('connection to PostgreSQL lost');
    });
    const gateways = new ScriptedTask('gateway keys', async () => ['gateway cbc-tim: b active, a previous, none retired']);
    const log = new MemoryLog();
    expect(await new KeyRotationCheck([broken, gateways], log).run(() => NOW)).toEqual([
      { task: 'signing key', failed: 'connection to PostgreSQL lost' },
      { task: 'gateway keys', rotated: ['gateway cbc-tim: b active, a previous, none retired'] },
    ]);
    expect(log.lines).toEqual([
      'error signing key rotation check failed: connection to PostgreSQL lost',
      'log gateway keys rotated: gateway cbc-tim: b active, a previous, none retired',
    ]);
  });

  it('joins a check still running instead of starting a second one, and starts afresh once it is done', async () => {
    const releases: Array<() => void> = [];
    const slow = new ScriptedTask('gateway keys', () => new Promise<string[]>((resolve) => releases.push(() => resolve([]))));
    const check = new KeyRotationCheck([slow], new MemoryLog());
    const first = check.run(() => NOW);
    expect(check.run(() => NOW)).toBe(first);
    await new Promise((r) => setImmediate(r));
    expect(releases).toHaveLength(1);
    releases[0]();
    await first;
    const second = check.run(() => NOW);
    expect(second).not.toBe(first);
    await new Promise((r) => setImmediate(r));
    releases[1]();
    await second;
    expect(slow.asked).toHaveLength(2);
  });
});
