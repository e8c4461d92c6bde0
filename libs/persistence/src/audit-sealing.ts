import { AuditSealer } from '@faro/audit';
import type { DataSource } from 'typeorm';
import { onAuditBell } from './audit-bell';
import { SqlAuditSealStore } from './audit-log';

/**
 * A process's audit sealer: started with the app, rung by this process's commits (audit-bell.ts),
 * sweeping for other processes' entries, and drained when the app shuts down. Its two methods
 * are Nest's lifecycle hooks, so an app provides it as it is.
 */
export class AuditSealing {
  private readonly sealer: AuditSealer;
  private unsubscribe?: () => void;

  constructor(ds: DataSource, onError: (e: unknown) => void) {
    this.sealer = new AuditSealer(new SqlAuditSealStore(ds), { onError });
  }

  onApplicationBootstrap(): void {
    this.unsubscribe = onAuditBell(() => this.sealer.ring());
    this.sealer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.unsubscribe?.();
    await this.sealer.stop();
  }

  drain(): Promise<void> {
    return this.sealer.drain();
  }
}

/** Seals what is pending now, whichever process appended it (a reader's call: see AuditSealer.drain). */
export function sealPendingAudit(ds: DataSource): Promise<void> {
  return new AuditSealer(new SqlAuditSealStore(ds)).drain();
}
