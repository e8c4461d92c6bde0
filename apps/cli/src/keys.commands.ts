import { Inject, type Type } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { DataSource } from 'typeorm';
import type { KeyEncryptionPort } from '@faro/broadcast-security';
import { rewrapAllSecrets, rotateSigningKey } from '@faro/persistence';
import { CLI_KEK } from './cli.providers';

const CLI_ACTOR = 'system:cli';

// A failure is a message and exit status 1; the pool is closed so the process ends with the command.
async function command(ds: DataSource, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (e) {
    console.error(`faro: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  } finally {
    if (ds.isInitialized) await ds.destroy();
  }
}

abstract class KeyCommand extends CommandRunner {
  constructor(
    protected readonly ds: DataSource,
    @Inject(CLI_KEK) protected readonly kek: KeyEncryptionPort,
  ) {
    super();
  }
}

@Command({
  name: 'keys:rewrap',
  description: 'Wrap every stored secret under FARO_KEK again; run with FARO_KEK_PREVIOUS naming the old KEK(s), after every process runs with both',
})
export class RewrapSecretsCommand extends KeyCommand {
  async run(): Promise<void> {
    await command(this.ds, async () => {
      const { kekId, rewrapped } = await rewrapAllSecrets(this.ds, this.kek, CLI_ACTOR);
      const total = Object.values(rewrapped).reduce((a, b) => a + b, 0);
      console.log(`rewrapped ${total} secret(s) under KEK ${kekId}: ${JSON.stringify(rewrapped)}`);
    });
  }
}

interface RotateOptions {
  reason?: string;
}

@Command({ name: 'keys:rotate-signing', description: 'Rotate the broadcast signing key now (the worker does it every SIGNING_KEY_MAX_AGE_DAYS)' })
export class RotateSigningKeyCommand extends KeyCommand {
  async run(_args: string[], o: RotateOptions): Promise<void> {
    await command(this.ds, async () => {
      const r = await rotateSigningKey(this.ds, this.kek, o.reason ?? 'on demand', { actor: CLI_ACTOR });
      console.log(`signing key ${r!.kid} is active; previous ${r!.previousKid ?? 'none'}; retired ${r!.retiredKid ?? 'none'}`);
    });
  }

  @Option({ flags: '--reason <text>', description: 'why, for the audit trail (default "on demand")' })
  parseReason(v: string) {
    return v;
  }
}

// Key management: the KEK rewrap and the signing key rotation.
export const keyCommands: Type<unknown>[] = [RewrapSecretsCommand, RotateSigningKeyCommand];
