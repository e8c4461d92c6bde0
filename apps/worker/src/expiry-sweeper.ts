import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ExpireAlerts } from '@faro/alerts';

const SWEEP_MS = 15_000;

// Records alerts leaving the air at their expiry.
@Injectable()
export class ExpirySweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('expiry');
  private timer?: NodeJS.Timeout;

  constructor(private readonly expire: ExpireAlerts) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.expire
        .run()
        .then((n) => n && this.log.log(`${n} alert(s) expired`))
        .catch((e) => this.log.error(`expiry sweep failed: ${(e as Error).message}`));
    }, SWEEP_MS);
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
