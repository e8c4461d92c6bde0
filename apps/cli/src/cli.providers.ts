import type { Provider } from '@nestjs/common';
import { keyEncryptionFromConfig, type KeyEncryptionPort } from '@faro/broadcast-security';
import { loadConfig, type FaroConfig } from '@faro/config';
import { createDataSource, Database, databaseTimeoutsOf, initializeDataSource } from '@faro/persistence';

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
  { provide: CLI_KEK, inject: [CLI_CONFIG], useFactory: (c: FaroConfig): KeyEncryptionPort => keyEncryptionFromConfig(c) },
];
