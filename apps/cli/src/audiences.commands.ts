import { writeFileSync } from 'node:fs';
import { Inject, type Type } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { AudienceAdministration } from '@faro/audiences';
import { systemClock } from '@faro/alerts';
import type { KeyEncryptionPort } from '@faro/broadcast-security';
import type { Principal } from '@faro/identity';
import { Database, SqlAudienceStore, SqlAudienceViews } from '@faro/persistence';
import { CLI_KEK } from './cli.providers';
import { cliCommand } from './cli-command';

// Whoever runs the CLI has the database and the KEK: the whole country is in scope, and the audit
// trail names the CLI. An unknown jurisdiction is refused by the database's foreign key.
const CLI_PRINCIPAL: Principal = { kind: 'system', id: 'cli', name: 'Faro CLI', roles: [], jurisdictionId: 'IT' };

interface Options {
  id?: string;
  label?: string;
  publicKey?: string;
  jurisdiction?: string;
  name?: string;
  group?: string;
  handset?: string;
  reason?: string;
  out?: string;
}

function required(o: Options, key: keyof Options, flag: string): string {
  const v = o[key];
  if (!v) throw new Error(`${flag} is required`);
  return v;
}

abstract class AudienceCommand extends CommandRunner {
  protected readonly admin: AudienceAdministration;
  protected readonly views: SqlAudienceViews;

  constructor(
    protected readonly ds: Database,
    @Inject(CLI_KEK) kek: KeyEncryptionPort,
  ) {
    super();
    this.admin = new AudienceAdministration(new SqlAudienceStore(ds), kek, () => true, systemClock);
    this.views = new SqlAudienceViews(ds);
  }

  abstract work(o: Options): Promise<void>;

  async run(_args: string[], o: Options): Promise<void> {
    await cliCommand(this.ds, () => this.work(o));
  }

  @Option({ flags: '--id <id>', description: 'handset or group id: 2–63 of a-z, 0-9 and -' })
  parseId(v: string) {
    return v;
  }

  @Option({ flags: '--group <id>', description: 'group id' })
  parseGroup(v: string) {
    return v;
  }

  @Option({ flags: '--handset <id>', description: 'handset id' })
  parseHandset(v: string) {
    return v;
  }

  @Option({ flags: '--reason <text>', description: 'why, for the audit trail' })
  parseReason(v: string) {
    return v;
  }
}

@Command({ name: 'handsets:register', description: 'Register a handset by its X25519 public key (see handset:keygen)' })
export class RegisterHandsetCommand extends AudienceCommand {
  async work(o: Options) {
    const h = await this.admin.registerHandset(CLI_PRINCIPAL, {
      id: required(o, 'id', '--id'),
      label: required(o, 'label', '--label'),
      publicKey: required(o, 'publicKey', '--public-key'),
      jurisdictionId: o.jurisdiction,
    });
    console.log(`handset ${h.id} registered in ${h.jurisdictionId}`);
  }

  @Option({ flags: '--label <text>', description: 'who carries it, e.g. "VVF Udine, squadra 3"' })
  parseLabel(v: string) {
    return v;
  }

  @Option({ flags: '--public-key <base64url>', description: 'raw 32-octet X25519 public key, base64url' })
  parsePublicKey(v: string) {
    return v;
  }

  @Option({ flags: '--jurisdiction <id>', description: 'IT, IT-R<nn> or IT-P<nnn> (default IT)' })
  parseJurisdiction(v: string) {
    return v;
  }
}

@Command({ name: 'handsets:list', description: 'List handsets with their groups' })
export class ListHandsetsCommand extends AudienceCommand {
  async work() {
    for (const h of await this.views.handsets()) {
      console.log(`${h.id}\t${h.jurisdictionId}\t${h.revokedAt ? `revoked ${h.revokedAt}` : 'active'}\t${h.groups.join(',') || '-'}\t${h.label}`);
    }
  }
}

@Command({ name: 'handsets:bundles', description: "Print (or write to --out) the handset's group key bundles, as JSON" })
export class HandsetBundlesCommand extends AudienceCommand {
  async work(o: Options) {
    const id = required(o, 'id', '--id');
    const bundles = await this.views.bundlesFor(id);
    if (!bundles) throw new Error(`no handset ${id}`);
    const json = JSON.stringify(bundles, null, 2);
    if (o.out) {
      writeFileSync(o.out, json + '\n');
      console.log(`${bundles.length} bundle(s) for ${id} written to ${o.out}`);
    } else {
      console.log(json);
    }
  }

  @Option({ flags: '--out <file>', description: 'write the JSON array here instead of standard output' })
  parseOut(v: string) {
    return v;
  }
}

@Command({ name: 'handsets:revoke', description: 'Revoke a lost or compromised handset: removed from every group, each group key rotated' })
export class RevokeHandsetCommand extends AudienceCommand {
  async work(o: Options) {
    const rotations = await this.admin.revokeHandset(CLI_PRINCIPAL, required(o, 'id', '--id'), required(o, 'reason', '--reason'));
    console.log(`handset ${o.id} revoked; ${rotations.map((r) => `${r.groupId} key ${r.keyId}`).join(', ') || 'no group'} rotated`);
  }
}

@Command({ name: 'groups:create', description: 'Create a restricted-audience group with its first content key' })
export class CreateGroupCommand extends AudienceCommand {
  async work(o: Options) {
    const { group, keyId } = await this.admin.createGroup(CLI_PRINCIPAL, { id: required(o, 'id', '--id'), name: required(o, 'name', '--name'), jurisdictionId: o.jurisdiction });
    console.log(`group ${group.id} created in ${group.jurisdictionId}; key ${keyId} active`);
  }

  @Option({ flags: '--name <text>', description: 'e.g. "Vigili del fuoco, Friuli Venezia Giulia"' })
  parseName(v: string) {
    return v;
  }

  @Option({ flags: '--jurisdiction <id>', description: 'IT, IT-R<nn> or IT-P<nnn> (default IT)' })
  parseJurisdiction(v: string) {
    return v;
  }
}

@Command({ name: 'groups:list', description: 'List groups with their active key id and members' })
export class ListGroupsCommand extends AudienceCommand {
  async work() {
    for (const g of await this.views.groups()) {
      console.log(`${g.id}\t${g.jurisdictionId}\tkey ${g.activeKeyId} since ${g.activeKeySince}\t${g.members.join(',') || '-'}\t${g.name}`);
    }
  }
}

@Command({ name: 'groups:add-member', description: "Add a handset to a group; a bundle of the group's active key is sealed to it" })
export class AddMemberCommand extends AudienceCommand {
  async work(o: Options) {
    const { keyId } = await this.admin.addMember(CLI_PRINCIPAL, required(o, 'group', '--group'), required(o, 'handset', '--handset'));
    console.log(`handset ${o.handset} is a member of ${o.group}; bundle for key ${keyId} sealed`);
  }
}

@Command({ name: 'groups:remove-member', description: 'Remove a handset from a group; the group key rotates to the remaining members' })
export class RemoveMemberCommand extends AudienceCommand {
  async work(o: Options) {
    const r = await this.admin.removeMember(CLI_PRINCIPAL, required(o, 'group', '--group'), required(o, 'handset', '--handset'), o.reason);
    console.log(`handset ${o.handset} removed from ${r.groupId}; key ${r.keyId} active (was ${r.previousKeyId}), ${r.bundles} bundle(s) sealed`);
  }
}

@Command({ name: 'groups:rotate-key', description: "Rotate a group's content key now (the worker does it every GROUP_KEY_MAX_AGE_DAYS)" })
export class RotateGroupKeyCommand extends AudienceCommand {
  async work(o: Options) {
    const r = await this.admin.rotateGroupKey(CLI_PRINCIPAL, required(o, 'group', '--group'), o.reason ?? 'on demand');
    console.log(`group ${r.groupId}: key ${r.keyId} active (was ${r.previousKeyId}), ${r.bundles} bundle(s) sealed`);
  }
}

export const audienceCommands: Type<unknown>[] = [
  RegisterHandsetCommand,
  ListHandsetsCommand,
  HandsetBundlesCommand,
  RevokeHandsetCommand,
  CreateGroupCommand,
  ListGroupsCommand,
  AddMemberCommand,
  RemoveMemberCommand,
  RotateGroupKeyCommand,
];
