import { Inject, type Type } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import type { KeyEncryptionPort } from '@faro/broadcast-security';
import { systemClock } from '@faro/identity';
import { type GatewayKeyRotation, type KeyActor, RewrapSecrets, RotateGatewayKey, RotateSigningKey } from '@faro/keys';
import { Database, SqlKeyStore } from '@faro/persistence';
import { CLI_KEK } from './cli.providers';
import { cliCommand } from './cli-command';

// Whoever runs the CLI holds the database and the KEK; the audit trail names the CLI.
const CLI_ACTOR: KeyActor = { kind: 'system', id: 'cli', via: { method: 'cli' } };

abstract class KeyCommand extends CommandRunner {
  protected readonly store: SqlKeyStore;

  constructor(
    protected readonly ds: Database,
    @Inject(CLI_KEK) protected readonly kek: KeyEncryptionPort,
  ) {
    super();
    this.store = new SqlKeyStore(ds);
  }
}

@Command({
  name: 'keys:rewrap',
  description: 'Wrap every stored secret under FARO_KEK again; run with FARO_KEK_PREVIOUS naming the old KEK(s), after every process runs with both',
})
export class RewrapSecretsCommand extends KeyCommand {
  async run(): Promise<void> {
    await cliCommand(this.ds, async () => {
      const { kekId, rewrapped } = await new RewrapSecrets(this.store, this.kek).run(CLI_ACTOR);
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
    await cliCommand(this.ds, async () => {
      const r = await new RotateSigningKey(this.store, this.kek, systemClock).run(CLI_ACTOR, o.reason ?? 'on demand');
      console.log(`signing key ${r.kid} is active; previous ${r.previousKid ?? 'none'}; retired ${r.retiredKid ?? 'none'}`);
    });
  }

  @Option({ flags: '--reason <text>', description: 'why, for the audit trail (default "on demand")' })
  parseReason(v: string) {
    return v;
  }
}

interface RotateGatewayOptions extends RotateOptions {
  gateway?: string;
  all?: boolean;
}

const describeGatewayRotation = (r: GatewayKeyRotation) =>
  `gateway ${r.gatewayId}: key ${r.kid} is active; previous ${r.previousKid ?? 'none'}; retired ${r.retiredKid ?? 'none'}`;

@Command({
  name: 'keys:rotate-gateway',
  description: "Rotate a gateway's sealing key now, or every gateway's with --all (the worker does it every GATEWAY_KEY_MAX_AGE_DAYS)",
})
export class RotateGatewayKeyCommand extends KeyCommand {
  async run(_args: string[], o: RotateGatewayOptions): Promise<void> {
    await cliCommand(this.ds, async () => {
      if ((o.gateway === undefined) === !o.all) throw new Error('name one gateway with --gateway <id>, or every gateway with --all');
      const reason = o.reason ?? 'on demand';
      const rotate = new RotateGatewayKey(this.store, this.kek, systemClock);
      const rotations = o.all ? await rotate.runForAll(CLI_ACTOR, reason) : [await rotate.run(CLI_ACTOR, o.gateway!, reason)];
      for (const r of rotations) console.log(describeGatewayRotation(r));
    });
  }

  @Option({ flags: '--gateway <id>', description: 'the gateway, e.g. cbc-tim (GET /api/v1/keys/gateways lists them)' })
  parseGateway(v: string) {
    return v;
  }

  @Option({ flags: '--all', description: 'every gateway' })
  parseAll() {
    return true;
  }

  @Option({ flags: '--reason <text>', description: 'why, for the audit trail (default "on demand")' })
  parseReason(v: string) {
    return v;
  }
}

// Key management: the KEK rewrap, the signing key and gateway key rotations.
export const keyCommands: Type<unknown>[] = [RewrapSecretsCommand, RotateSigningKeyCommand, RotateGatewayKeyCommand];
