import { closeDatabase, sealPendingAudit, type Database } from '@faro/persistence';

// Every command's frame: a failure is a message and exit status 1, not a stack trace; what the
// command appended to the audit trail is sealed into the chain (else a running platform's
// sealer does it); the pool is closed so that the process ends as soon as the command has.
export async function cliCommand(ds: Database, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (e) {
    console.error(`faro: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  } finally {
    await sealPendingAudit(ds).catch((e) => console.error(`faro: the audit entries this command appended are left for the platform to seal: ${(e as Error).message}`));
    await closeDatabase(ds);
  }
}
