import type { Client } from 'pg';
import { waitUntil } from './platform';

// Entries are chained by the platform's sealer within milliseconds of their commit (libs/audit
// AuditSealer); a spec that reads seq or hashes straight from audit_log waits for that first.
export async function auditSealed(db: Client): Promise<void> {
  await waitUntil('audit entries sealed', async () => (await db.query(`SELECT count(*)::int AS n FROM audit_log WHERE seq IS NULL`)).rows[0].n === 0, 10_000);
}
