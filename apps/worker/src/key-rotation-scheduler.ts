import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { KEY_ROTATION_TASKS, KeyRotationCheck, type KeyRotationTask } from './key-rotation-check';

const CHECK_MS = 60 * 60_000;

// Runs every key rotation task (key-rotation-tasks.ts) at start and hourly.
@Injectable()
export class KeyRotationScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly check: KeyRotationCheck;
  private timer?: NodeJS.Timeout;

  constructor(@Inject(KEY_ROTATION_TASKS) tasks: KeyRotationTask[]) {
    this.check = new KeyRotationCheck(tasks, new Logger('keys'));
  }

  onApplicationBootstrap(): void {
    void this.check.run();
    this.timer = setInterval(() => void this.check.run(), CHECK_MS);
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
