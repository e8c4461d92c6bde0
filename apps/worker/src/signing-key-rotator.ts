import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { KeyEncryptionPort } from '@faro/broadcast-security';
import type { FaroConfig } from '@faro/config';
import { rotateSigningKey } from '@faro/persistence';
import { CONFIG, KEK } from './tokens';

const CHECK_MS = 60 * 60_000;
const DAY_MS = 24 * 60 * 60_000;

// Rotates the broadcast signing key once the active one is SIGNING_KEY_MAX_AGE_DAYS old; checked
// at start and hourly. Several workers may check at once: the rotation re-reads the key's age
// under a lock, so only one of them rotates.
@Injectable()
export class SigningKeyRotator implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('keys');
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly ds: DataSource,
    @Inject(KEK) private readonly kek: KeyEncryptionPort,
    @Inject(CONFIG) private readonly config: FaroConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), CHECK_MS);
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private tick(): void {
    if (this.running) return;
    this.running = true;
    const days = this.config.SIGNING_KEY_MAX_AGE_DAYS;
    rotateSigningKey(this.ds, this.kek, `scheduled: active key older than ${days} days`, {
      onlyIfCreatedBefore: new Date(Date.now() - days * DAY_MS),
    })
      .then((r) => r && this.log.log(`signing key rotated: ${r.kid} active, ${r.previousKid ?? 'none'} previous, ${r.retiredKid ?? 'none'} retired`))
      .catch((e) => this.log.error(`signing key rotation check failed: ${(e as Error).message}`))
      .finally(() => (this.running = false));
  }
}
