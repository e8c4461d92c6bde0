import { Inject, type Type } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { systemClock } from '@faro/alerts';
import type { KeyEncryptionPort } from '@faro/broadcast-security';
import { ChangeUser, CreateUser, EnrollTotp, IdentityError, IssueApiToken, MAX_TOKEN_DAYS, ProveTotp, TOKEN_SCOPES, type Principal, type TokenScope, type UserAccount } from '@faro/identity';
import { Database, SqlApiTokenStore, SqlUserStore } from '@faro/persistence';
import { CLI_KEK } from './cli.providers';
import { cliCommand } from './cli-command';

// Whoever runs the CLI has the database and the KEK: the audit trail names them the CLI.
const CLI_PRINCIPAL: Principal = { kind: 'system', id: 'cli', name: 'faro CLI', roles: ['admin'], jurisdictionId: 'IT', via: { method: 'cli' } };

interface UserOptions {
  email: string;
  name?: string;
  password?: string;
  roles?: string;
  jurisdiction?: string;
  force?: boolean;
  expiresInDays?: number;
  scopes?: TokenScope[];
  totp?: string;
}

// Secrets go to stdout once, on lines of their own, so a script can pick them up.
function printCreated(user: UserAccount, generatedPassword?: string): void {
  console.log(`created user ${user.email} (${user.id}), roles ${user.roles.join(',')}, jurisdiction ${user.jurisdictionId}`);
  if (generatedPassword) console.log(`password: ${generatedPassword}\n(shown once: hand it over securely; it is not stored in clear)`);
}

async function userByEmail(users: SqlUserStore, email: string): Promise<UserAccount> {
  const u = await users.findUserByEmail(email.trim());
  if (!u) throw new IdentityError('auth/not-found', `No user with email ${email}`);
  return u;
}

@Command({ name: 'users:create-admin', description: 'Create the first administrator (national jurisdiction); a password is generated and printed once unless given' })
export class CreateAdminCommand extends CommandRunner {
  constructor(
    private readonly ds: Database,
    @Inject(CLI_KEK) private readonly kek: KeyEncryptionPort,
  ) {
    super();
  }

  async run(_args: string[], o: UserOptions): Promise<void> {
    await cliCommand(this.ds, async () => {
      const users = new SqlUserStore(this.ds, this.kek);
      const r = await new CreateUser(users, systemClock).run({
        email: o.email,
        displayName: o.name!,
        password: o.password,
        roles: ['admin'],
        jurisdictionId: 'IT',
        by: CLI_PRINCIPAL,
        onlyIfNoAdmin: !o.force,
      });
      printCreated(r.user, r.generatedPassword);
      console.log('An administrator logs in with TOTP: enrol it at the first login (POST /api/v1/auth/totp/enroll) or now with `faro users:totp-enroll --email ' + r.user.email + '`');
    });
  }

  @Option({ flags: '--email <email>', description: 'login email', required: true })
  parseEmail(v: string) {
    return v;
  }

  @Option({ flags: '--name <name>', description: 'display name', required: true })
  parseName(v: string) {
    return v;
  }

  @Option({ flags: '--password <password>', description: 'at least 12 characters (omit it to have one generated: it then stays out of shell history)' })
  parsePassword(v: string) {
    return v;
  }

  @Option({ flags: '--force', description: 'create another administrator although one exists' })
  parseForce() {
    return true;
  }
}

@Command({ name: 'users:create', description: 'Create a user with roles in a jurisdiction; a password is generated and printed once unless given' })
export class CreateUserCommand extends CommandRunner {
  constructor(
    private readonly ds: Database,
    @Inject(CLI_KEK) private readonly kek: KeyEncryptionPort,
  ) {
    super();
  }

  async run(_args: string[], o: UserOptions): Promise<void> {
    await cliCommand(this.ds, async () => {
      const users = new SqlUserStore(this.ds, this.kek);
      const r = await new CreateUser(users, systemClock).run({
        email: o.email,
        displayName: o.name!,
        password: o.password,
        roles: (o.roles ?? '').split(',').map((s) => s.trim()).filter(Boolean),
        jurisdictionId: o.jurisdiction!,
        by: CLI_PRINCIPAL,
      });
      printCreated(r.user, r.generatedPassword);
    });
  }

  @Option({ flags: '--email <email>', description: 'login email', required: true })
  parseEmail(v: string) {
    return v;
  }

  @Option({ flags: '--name <name>', description: 'display name', required: true })
  parseName(v: string) {
    return v;
  }

  @Option({ flags: '--roles <roles>', description: 'comma-separated: operator, approver, auditor, admin', required: true })
  parseRoles(v: string) {
    return v;
  }

  @Option({ flags: '--jurisdiction <id>', description: 'jurisdiction id, e.g. IT or IT-R19', required: true })
  parseJurisdiction(v: string) {
    return v;
  }

  @Option({ flags: '--password <password>', description: 'at least 12 characters (omit it to have one generated)' })
  parsePassword(v: string) {
    return v;
  }
}

@Command({ name: 'users:disable', description: 'Disable a user: their sessions end and their API tokens stop working at once' })
export class DisableUserCommand extends CommandRunner {
  constructor(
    private readonly ds: Database,
    @Inject(CLI_KEK) private readonly kek: KeyEncryptionPort,
  ) {
    super();
  }

  async run(_args: string[], o: UserOptions): Promise<void> {
    await cliCommand(this.ds, async () => {
      const users = new SqlUserStore(this.ds, this.kek);
      const u = await userByEmail(users, o.email);
      await new ChangeUser(users, systemClock).run({ userId: u.id, disabled: true, by: CLI_PRINCIPAL });
      console.log(`disabled user ${u.email} (${u.id})`);
    });
  }

  @Option({ flags: '--email <email>', description: 'login email', required: true })
  parseEmail(v: string) {
    return v;
  }
}

@Command({ name: 'users:totp-enroll', description: "Provision (or reset) a user's TOTP authenticator; the secret and otpauth URI are printed once" })
export class EnrollTotpCommand extends CommandRunner {
  constructor(
    private readonly ds: Database,
    @Inject(CLI_KEK) private readonly kek: KeyEncryptionPort,
  ) {
    super();
  }

  async run(_args: string[], o: UserOptions): Promise<void> {
    await cliCommand(this.ds, async () => {
      const users = new SqlUserStore(this.ds, this.kek);
      const u = await userByEmail(users, o.email);
      const e = await new EnrollTotp(users, systemClock).provision(u.id, CLI_PRINCIPAL);
      console.log(`TOTP enrolled for ${u.email}; their sessions have ended`);
      console.log(`secret: ${e.secret}`);
      console.log(`uri: ${e.uri}`);
      console.log('(shown once: put it in the authenticator app, e.g. as a QR code of the URI)');
    });
  }

  @Option({ flags: '--email <email>', description: 'login email', required: true })
  parseEmail(v: string) {
    return v;
  }
}

@Command({ name: 'tokens:create', description: 'Create an API token acting as a user; it is printed once' })
export class CreateTokenCommand extends CommandRunner {
  constructor(
    private readonly ds: Database,
    @Inject(CLI_KEK) private readonly kek: KeyEncryptionPort,
  ) {
    super();
  }

  async run(_args: string[], o: UserOptions): Promise<void> {
    await cliCommand(this.ds, async () => {
      const users = new SqlUserStore(this.ds, this.kek);
      const u = await userByEmail(users, o.email);
      // Release and admin scopes need the user's own current code: the CLI proves the second
      // factor the way a login does, and the code is used up.
      if (o.totp !== undefined) await new ProveTotp(users, systemClock).run(u.id, o.totp, CLI_PRINCIPAL, 'api-token');
      const r = await new IssueApiToken(new SqlApiTokenStore(this.ds), systemClock).run({
        userId: u.id,
        name: o.name!,
        expiresInDays: o.expiresInDays,
        scopes: o.scopes,
        secondFactor: o.totp !== undefined ? 'totp' : 'none',
        by: CLI_PRINCIPAL,
      });
      console.log(`API token ${r.record.id} "${r.record.name}" for ${u.email}, scopes ${r.record.scopes.join(',')}, expires ${r.record.expiresAt?.toISOString()}`);
      console.log(`token: ${r.token}`);
      console.log('(shown once: send it as "Authorization: Bearer <token>")');
    });
  }

  @Option({ flags: '--email <email>', description: 'the user the token acts as', required: true })
  parseEmail(v: string) {
    return v;
  }

  @Option({ flags: '--name <name>', description: 'what the token is for', required: true })
  parseName(v: string) {
    return v;
  }

  @Option({ flags: '--expires-in-days <days>', description: `1 to ${MAX_TOKEN_DAYS} (default 90)` })
  parseExpiresInDays(v: string) {
    return Number(v);
  }

  @Option({ flags: '--scopes <scopes>', description: `comma-separated, of ${TOKEN_SCOPES.join(', ')} (default read,write); release and admin need --totp` })
  parseScopes(v: string): TokenScope[] {
    const scopes = v.split(',').map((s) => s.trim()).filter(Boolean);
    const unknown = scopes.filter((s) => !(TOKEN_SCOPES as readonly string[]).includes(s));
    if (unknown.length > 0) throw new Error(`unknown scope ${unknown.join(', ')}: the scopes are ${TOKEN_SCOPES.join(', ')}`);
    return scopes as TokenScope[];
  }

  @Option({ flags: '--totp <code>', description: "the user's current TOTP code: proves the second factor that release and admin scopes need" })
  parseTotp(v: string) {
    return v;
  }
}

// Commands for users (issue 3): create the first admin, create users, disable, TOTP, tokens.
export const userCommands: Type<unknown>[] = [CreateAdminCommand, CreateUserCommand, DisableUserCommand, EnrollTotpCommand, CreateTokenCommand];
