import { Inject, type Type } from '@nestjs/common';
import { Command, CommandRunner } from 'nest-commander';
import { CheckpointAuditTrail, kekAnchoredCheckpointKeys, VerifyAuditTrail } from '@faro/audit';
import { keyIdHex, type KeyEncryptionPort } from '@faro/broadcast-security';
import { Database, sealPendingAudit, SqlAuditLog, SqlSigningKeyRecords, SqlSigningKeys } from '@faro/persistence';
import { CLI_KEK } from './cli.providers';
import { JurisdictionsListCommand } from './jurisdictions.commands';
import { cliCommand } from './cli-command';

@Command({
  name: 'audit:verify',
  description: 'Recompute the audit hash chain and check every signed checkpoint; prints the report as JSON, exit status 1 unless intact',
})
export class AuditVerifyCommand extends CommandRunner {
  constructor(
    private readonly ds: Database,
    @Inject(CLI_KEK) private readonly kek: KeyEncryptionPort,
  ) {
    super();
  }

  async run(): Promise<void> {
    await cliCommand(this.ds, async () => {
      const report = await new VerifyAuditTrail(new SqlAuditLog(this.ds), kekAnchoredCheckpointKeys(new SqlSigningKeyRecords(this.ds), this.kek), { drain: () => sealPendingAudit(this.ds) }).run();
      console.log(JSON.stringify(report, null, 2));
      if (!report.intact) {
        console.error(`faro: the audit trail is NOT intact: entry ${report.firstBad!.seq}: ${report.firstBad!.reason}`);
        process.exitCode = 1;
      }
    });
  }
}

@Command({ name: 'audit:checkpoint', description: 'Sign the head of the audit chain with the active signing key (the worker does this every 10 minutes)' })
export class AuditCheckpointCommand extends CommandRunner {
  constructor(
    private readonly ds: Database,
    @Inject(CLI_KEK) private readonly kek: KeyEncryptionPort,
  ) {
    super();
  }

  async run(): Promise<void> {
    await cliCommand(this.ds, async () => {
      // What is committed but not yet chained is sealed first: the checkpoint covers it.
      await sealPendingAudit(this.ds);
      const c = await new CheckpointAuditTrail(new SqlAuditLog(this.ds), new SqlSigningKeys(this.ds, this.kek)).run();
      if (!c) {
        console.log('no entry was added since the latest checkpoint (or the chain is empty): nothing to sign');
        return;
      }
      console.log(`checkpoint ${c.id}: entry ${c.seq}, head ${c.headHash}, key ${keyIdHex(c.keyId)}, ${c.createdAt}`);
      console.log(`signature: ${c.signature}`);
    });
  }
}

// The audit trail, and the jurisdictions it and every user are scoped by.
export const auditCommands: Type<unknown>[] = [AuditVerifyCommand, AuditCheckpointCommand, JurisdictionsListCommand];
