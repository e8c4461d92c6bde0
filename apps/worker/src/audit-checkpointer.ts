import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CheckpointAuditTrail } from '@faro/audit';
import { keyIdHex } from '@faro/broadcast-security';
import { Database, SqlAuditLog, SqlSigningKeys } from '@faro/persistence';

// Entries appended after the latest checkpoint are the only ones a database owner could remove
// unnoticed: this bounds that window.
const CHECKPOINT_MS = 10 * 60_000;
// Soon after start, so a restart does not widen the window.
const FIRST_CHECKPOINT_MS = 5_000;

// Signs the head of the audit chain every few minutes (when it moved). Each checkpoint is also
// logged in full, so the log store keeps a copy outside PostgreSQL.
@Injectable()
export class AuditCheckpointer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('audit');
  private timers: NodeJS.Timeout[] = [];
  private running = false;
  private readonly checkpoint: CheckpointAuditTrail;

  constructor(ds: Database, keys: SqlSigningKeys) {
    this.checkpoint = new CheckpointAuditTrail(new SqlAuditLog(ds), keys);
  }

  onApplicationBootstrap(): void {
    this.timers = [setTimeout(() => this.tick(), FIRST_CHECKPOINT_MS), setInterval(() => this.tick(), CHECKPOINT_MS)];
  }

  onApplicationShutdown(): void {
    for (const t of this.timers) clearTimeout(t);
  }

  private tick(): void {
    if (this.running) return;
    this.running = true;
    this.checkpoint
      .run()
      .then((c) => {
        if (c) this.log.log(`audit checkpoint ${c.id}: entry ${c.seq} head ${c.headHash} key ${keyIdHex(c.keyId)} signature ${c.signature}`);
      })
      .catch((e) => this.log.error(`audit checkpoint failed: ${(e as Error).message}`))
      .finally(() => (this.running = false));
  }
}
