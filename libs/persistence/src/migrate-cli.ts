import { loadConfig } from '@faro/config';
import { runMigrations } from './data-source';

// `npm run migrate`: applies pending migrations to DATABASE_URL and says which.
async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    // Let the one config schema name the problem.
    loadConfig(process.env);
    return;
  }
  const applied = await runMigrations(url);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema up to date');
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
