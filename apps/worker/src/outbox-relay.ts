import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { fanoutPriority } from '@faro/alerts';
import type { FaroConfig } from '@faro/config';
import { databaseTimeoutsOf, pgTimeoutOptions, SqlAlertStore, SqlOutbox } from '@faro/persistence';
import { JobQueues, type FanoutJob } from '@faro/queue';
import { BullmqFanoutQueue } from './bullmq-fanout-queue';
import { CONFIG } from './tokens';

const RELISTEN_MIN_MS = 500;
const RELISTEN_MAX_MS = 10_000;

// Moves outbox rows onto the queue: woken by NOTIFY, and polling in case a notification
// is lost. Rows dispatched long ago and never completed are dispatched again, and
// batches left pending with no job are re-enqueued: the queue can always be rebuilt
// from PostgreSQL.
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('outbox-relay');
  private timer?: NodeJS.Timeout;
  private listener?: Client;
  private relisten?: NodeJS.Timeout;
  private running = false;
  private again = false;
  private stopped = false;

  constructor(
    @Inject(CONFIG) private readonly config: FaroConfig,
    private readonly jobs: JobQueues,
    private readonly outbox: SqlOutbox,
    private readonly alerts: SqlAlertStore,
    @Inject(BullmqFanoutQueue) private readonly batches: BullmqFanoutQueue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
    this.timer = setInterval(() => void this.tick(), this.config.OUTBOX_POLL_MS);
    void this.tick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.relisten) clearTimeout(this.relisten);
    await this.listener?.end().catch(() => undefined);
  }

  // LISTEN on a connection of its own. When it is lost (PostgreSQL restarted, a network cut) it
  // is opened again with backoff; polling carries the relay meanwhile.
  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.config.DATABASE_URL, application_name: 'faro-relay', ...pgTimeoutOptions(databaseTimeoutsOf(this.config)) });
    let lost = false;
    const onLost = (why: string) => {
      if (lost || this.stopped) return;
      lost = true;
      this.log.warn(`LISTEN connection lost: ${why}; polling continues, reconnecting`);
      void client.end().catch(() => undefined);
      this.scheduleRelisten(RELISTEN_MIN_MS);
    };
    client.on('error', (e) => onLost(e.message));
    client.on('end', () => onLost('connection ended'));
    client.on('notification', () => void this.tick());
    await client.connect();
    await client.query('LISTEN faro_outbox');
    this.listener = client;
  }

  private scheduleRelisten(delayMs: number): void {
    // One reconnect at a time: a failed connect may report itself both ways.
    if (this.stopped || this.relisten) return;
    this.relisten = setTimeout(() => {
      this.relisten = undefined;
      this.listen().then(
        () => {
          this.log.log('LISTEN connection restored');
          // What was notified while it was down is found by this pass.
          void this.tick();
        },
        (e) => {
          this.log.warn(`LISTEN reconnect failed: ${(e as Error).message}`);
          this.scheduleRelisten(Math.min(RELISTEN_MAX_MS, delayMs * 2));
        },
      );
    }, delayMs);
  }

  async tick(): Promise<void> {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.again = false;
        await this.relay();
      } while (this.again && !this.stopped);
    } catch (e) {
      this.log.error(`relay pass failed: ${(e as Error).message}`);
    } finally {
      this.running = false;
    }
  }

  private async relay(): Promise<void> {
    const due = await this.outbox.claimDue(this.config.OUTBOX_STALE_MS);
    for (const entry of due) {
      const kind = entry.kind;
      if (kind !== 'alert.fanout' && kind !== 'alert.kill') {
        // Written by a newer or broken release: nothing here could run it.
        this.log.error({ outboxId: entry.id, kind }, 'outbox entry of an unknown kind left undispatched');
        continue;
      }
      const alert = await this.alerts.findAlert(entry.alertId);
      const data: FanoutJob = { alertId: entry.alertId, outboxId: entry.id };
      // Dispatched before and still not completed: unless its job will still run (waiting, or held
      // by a worker), it failed or was evicted; a new job under a fresh id does not wait for it.
      const redispatch = entry.dispatchCount > 1 && !(await this.jobs.willRun(kind, data)) ? String(Date.now()) : undefined;
      await this.jobs.add(kind, data, { priority: alert ? fanoutPriority(alert) : 5, redispatch });
    }
    if (due.length) this.log.log({ entries: due.map((d) => d.id) }, 'outbox entries queued');
    const stale = await this.outbox.stalePendingBatches(this.config.OUTBOX_STALE_MS);
    let requeued = 0;
    for (const group of stale) requeued += await this.batches.reenqueueStale(group.batches);
    if (stale.length) this.log.warn({ alerts: stale.map((s) => s.alertId), stale: stale.reduce((n, g) => n + g.batches.length, 0), requeued }, 'stale batches checked against the queue; orphaned ones re-enqueued from PostgreSQL');
  }
}
