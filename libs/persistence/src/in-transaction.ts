import type { DataSource, QueryRunner } from 'typeorm';
import { auditCommitted } from './audit-bell';
import { callerGone, CallerGoneError } from './caller-gone';

// One PostgreSQL transaction on one connection: committed if `work` resolves, rolled back if it
// throws or if the request it runs for was abandoned meanwhile (caller-gone.ts).
export async function inTransaction<T>(ds: DataSource, work: (q: QueryRunner) => Promise<T>): Promise<T> {
  const q = ds.createQueryRunner();
  await q.connect();
  await q.startTransaction();
  try {
    const out = await work(q);
    if (callerGone()) throw new CallerGoneError();
    await q.commitTransaction();
    auditCommitted(q);
    return out;
  } catch (e) {
    await q.rollbackTransaction();
    throw e;
  } finally {
    await q.release();
  }
}
