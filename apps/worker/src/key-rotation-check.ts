// Nest-free, so that it is unit-tested: the scheduler (key-rotation-scheduler.ts) only adds the timer.

// One kind of key the worker rotates on a schedule. rotateDue re-reads the keys' ages under a
// lock and rotates what is due, so several workers may check at once and only one rotates.
export interface KeyRotationTask {
  // Names the keys in log lines: 'signing key', 'gateway keys'.
  readonly name: string;
  // One line per rotation, naming key ids only: it is logged as is.
  rotateDue(now: Date): Promise<string[]>;
}

export const KEY_ROTATION_TASKS = Symbol('KEY_ROTATION_TASKS');

export type KeyRotationOutcome = { task: string; rotated: string[] } | { task: string; failed: string };

export interface KeyRotationLog {
  log(message: string): void;
  error(message: string): void;
}

// Asks every task in turn; a task that fails is logged and asked again at the next check, and does
// not hold back the others. A check asked for while one runs joins it rather than starting a second.
export class KeyRotationCheck {
  private running?: Promise<KeyRotationOutcome[]>;

  constructor(
    private readonly tasks: readonly KeyRotationTask[],
    private readonly log: KeyRotationLog,
  ) {}

  run(now: () => Date = () => new Date()): Promise<KeyRotationOutcome[]> {
    this.running ??= this.runTasks(now).finally(() => (this.running = undefined));
    return this.running;
  }

  private async runTasks(now: () => Date): Promise<KeyRotationOutcome[]> {
    const outcomes: KeyRotationOutcome[] = [];
    for (const task of this.tasks) {
      try {
        const rotated = await task.rotateDue(now());
        for (const line of rotated) this.log.log(`${task.name} rotated: ${line}`);
        outcomes.push({ task: task.name, rotated });
      } catch (e) {
        const failed = e instanceof Error ? e.message : String(e);
        this.log.error(`${task.name} rotation check failed: ${failed}`);
        outcomes.push({ task: task.name, failed });
      }
    }
    return outcomes;
  }
}
