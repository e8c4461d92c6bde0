import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { ConfigError } from '@faro/config';
import { runMigrations } from '@faro/persistence';
import { CliModule } from './cli.module';

// `npm run faro -- <command>`: administration without the platform running.
async function main(): Promise<void> {
  if (process.env.DATABASE_URL) await runMigrations(process.env.DATABASE_URL);
  await CommandFactory.run(CliModule, { logger: ['error', 'warn'], errorHandler: (e) => { console.error(e.message); process.exit(1); } });
}

main().catch((e) => {
  console.error(e instanceof ConfigError ? `faro: ${e.message}` : e instanceof Error ? e.message : e);
  process.exit(1);
});
