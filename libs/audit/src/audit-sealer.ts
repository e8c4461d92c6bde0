import type { AuditSealStore } from './ports';
import { sealAuditEntries } from './seal-audit-entries';

export interface AuditSealerOptions {
  /** Entries sealed per transaction. */
  batch?: number;
  /** How soon to try again while another process's sealer holds the lock. */
  busyRetryMs?: number;
  /** The sweep that finds entries no bell announced (another process's, or a crashed one's). */
  sweepMs?: number;
  onError?: (e: unknown) => void;
}

/**
 * Seals pending audit entries: at once when rung (a transaction that appended has committed),
 * and at every sweep. One run seals batch after batch until none is left; a ring during a run
 * makes it look once more, so no committed entry waits for the next sweep. While another
 * process's sealer holds the lock this one retries shortly: the other may have looked before
 * our entries committed.
 */
export class AuditSealer {
  private readonly batch: number;
  private readonly busyRetryMs: number;
  private readonly sweepMs: number;
  private readonly onError: (e: unknown) => void;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private sweep?: NodeJS.Timeout;

  constructor(
    private readonly store: AuditSealStore,
    opts: AuditSealerOptions = {},
  ) {
    this.batch = opts.batch ?? 500;
    this.busyRetryMs = opts.busyRetryMs ?? 10;
    this.sweepMs = opts.sweepMs ?? 500;
    this.onError = opts.onError ?? (() => undefined);
  }

  start(): void {
    this.stopped = false;
    this.sweep = setInterval(() => this.ring(), this.sweepMs);
    this.sweep.unref();
    this.ring();
  }

  ring(): void {
    this.again = true;
    this.kick().catch(this.onError);
  }

  /**
   * Seals everything committed so far: before a process exits, and before a reader that needs
   * the chain to hold every committed entry (verification, reports). A failure is thrown.
   */
  async drain(): Promise<void> {
    this.again = true;
    while (!this.stopped && (this.running || this.again)) await this.kick();
  }

  async stop(): Promise<void> {
    clearInterval(this.sweep);
    try {
      await this.drain();
    } catch (e) {
      this.onError(e);
    } finally {
      this.stopped = true;
    }
  }

  private kick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.running ??= this.run().finally(() => (this.running = null));
    return this.running;
  }

  // A failure ends the run; the next ring or sweep tries again, the entries waiting stored and
  // guarded meanwhile.
  private async run(): Promise<void> {
    while (this.again) {
      this.again = false;
      const sealed = await this.store.sealBatch(this.batch, sealAuditEntries);
      if (sealed === 'busy') {
        this.again = true;
        await new Promise((r) => setTimeout(r, this.busyRetryMs));
      } else if (sealed === this.batch) {
        this.again = true;
      }
    }
  }
}
