import 'reflect-metadata';
import path from 'node:path';
import { CommandFactory } from 'nest-commander';
import { ConfigError, loadConfig, withPlatformSettings } from '@faro/config';
import { runMigrations } from '@faro/persistence';
import { CliHelpModule } from './cli-help.module';
import { CliModule } from './cli.module';
import { HandsetCliModule } from './handset-cli.module';

// The checkout the built CLI runs from (dist/apps/cli/src → the root), where `npm start` leaves
// .faro/platform.json; FARO_HOME names another.
const ROOT = process.env.FARO_HOME ? path.resolve(process.env.FARO_HOME) : path.resolve(__dirname, '..', '..', '..', '..');

// `npm run faro -- <command>`: administration without the platform running.
async function main(): Promise<void> {
  // No command at all is a request for help, printed like --help (on stdout, exit status 0).
  if (process.argv.length === 2) process.argv.push('--help');
  const args = process.argv.slice(2);
  const help = args[0] === 'help' || args.includes('--help') || args.includes('-h');
  // handset:* and cap:* need neither the database nor the KEK.
  const offline = !help && args.some((a) => a.startsWith('handset:') || a.startsWith('cap:'));
  if (!help && !offline) {
    const found = withPlatformSettings(process.env, ROOT);
    if (found.from) {
      Object.assign(process.env, found.env);
      console.error(`faro: using the database and KEK of the platform started here (${path.relative(process.cwd(), found.from) || found.from})`);
    }
    // Checked here, not in a provider, so a missing setting is one line rather than Nest's stack trace.
    await runMigrations(loadConfig(process.env).DATABASE_URL);
  }
  await CommandFactory.run(help ? CliHelpModule : offline ? HandsetCliModule : CliModule, {
    logger: ['error', 'warn'],
    errorHandler: (e) => {
      // Commander ends --help and `help` by throwing; that is a normal exit, not an error to print.
      const code = (e as { code?: string; exitCode?: number }).code ?? '';
      if (code.startsWith('commander.help') || code === 'commander.version') process.exit(0);
      console.error(`faro: ${e.message}`);
      process.exit(1);
    },
  });
}

main().catch((e) => {
  console.error(e instanceof ConfigError ? `faro: ${e.message} (start the platform with npm start, or set them)` : e instanceof Error ? `faro: ${e.message}` : e);
  process.exit(1);
});
