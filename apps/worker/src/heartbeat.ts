import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { QueueBackend } from '@faro/queue';
import { SqlWorkerHeartbeats } from '@faro/persistence';
import { QUEUE_BACKEND } from './tokens';

// How often this worker tells the API it is alive; the API's readiness wants one within 3 beats.
export const HEARTBEAT_MS = 5_000;

@Injectable()
export class Heartbeat implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('heartbeat');
  private readonly id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly startedAt = new Date();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly beats: SqlWorkerHeartbeats,
    @Inject(QUEUE_BACKEND) private readonly backend: QueueBackend,
  ) {}

  onApplicationBootstrap(): void {
    this.beat();
    this.timer = setInterval(() => this.beat(), HEARTBEAT_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.beats.stopped(this.id).catch(() => undefined);
  }

  private beat(): void {
    this.beats
      .beat({ workerId: this.id, host: hostname(), pid: process.pid, queueBackend: this.backend.kind, startedAt: this.startedAt })
      .catch((e) => this.log.warn(`heartbeat not recorded: ${(e as Error).message}`));
  }
}
