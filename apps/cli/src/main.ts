import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { ConfigError } from '@faro/config';
import { runMigrations } from '@faro/persistence';
import { CliModule } from './cli.module';
import { HandsetCliModule } from './handset-cli.module';

// `npm run faro -- <command>`: administration without the platform running.
async function main(): Promise<void> {
  // handset:* needs neither the database nor the KEK.
  const handset = process.argv.slice(2).some((a) => a.startsWith('handset:'));
  if (!handset && process.env.DATABASE_URL) await runMigrations(process.env.DATABASE_URL);
  await CommandFactory.run(handset ? HandsetCliModule : CliModule, { logger: ['error', 'warn'], errorHandler: (e) => { console.error(e.message); process.exit(1); } });
}

main().catch((e) => {
  console.error(e instanceof ConfigError ? `faro: ${e.message}` : e instanceof Error ? e.message : e);
  process.exit(1);
});
