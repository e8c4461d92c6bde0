import { closeDatabase, type Database } from '@faro/persistence';

// Every command's frame: a failure is a message and exit status 1, not a stack trace; the pool
// is closed so that the process ends as soon as the command has.
export async function cliCommand(ds: Database, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (e) {
    console.error(`faro: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  } finally {
    await closeDatabase(ds);
  }
}
