import { Logger, type Provider } from '@nestjs/common';
import { keyEncryptionFromConfig, type KeyEncryptionPort } from '@faro/broadcast-security';
import { loadConfig, type FaroConfig } from '@faro/config';
import { AuditSealing, createDataSource, Database, databaseTimeoutsOf, initializeDataSource } from '@faro/persistence';

export const CLI_CONFIG = Symbol('CLI_CONFIG');
export const CLI_KEK = Symbol('CLI_KEK');

// What every command may inject: the validated config, the database, the key-encryption key.
export const cliProviders: Provider[] = [
  { provide: CLI_CONFIG, useFactory: (): FaroConfig => loadConfig(process.env) },
  {
    provide: Database,
    inject: [CLI_CONFIG],
    useFactory: async (c: FaroConfig) => initializeDataSource(createDataSource(c.DATABASE_URL, { poolSize: 2, applicationName: 'faro-cli', timeouts: databaseTimeoutsOf(c) })),
  },
  // Chains what a command appends, before the command exits to the audit trail (libs/audit AuditSealer).
  { provide: AuditSealing, inject: [Database], useFactory: (ds: Database) => new AuditSealing(ds, (e) => new Logger('audit').error(`audit sealing failed: ${(e as Error).message}`)) },
  { provide: CLI_KEK, inject: [CLI_CONFIG], useFactory: (c: FaroConfig): KeyEncryptionPort => keyEncryptionFromConfig(c) },
];
