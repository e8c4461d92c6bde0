import type { DataSource, QueryRunner } from 'typeorm';

// One PostgreSQL transaction on one connection: committed if `work` resolves, rolled back if it throws.
export async function inTransaction<T>(ds: DataSource, work: (q: QueryRunner) => Promise<T>): Promise<T> {
  const q = ds.createQueryRunner();
  await q.connect();
  await q.startTransaction();
  try {
    const out = await work(q);
    await q.commitTransaction();
    return out;
  } catch (e) {
    await q.rollbackTransaction();
    throw e;
  } finally {
    await q.release();
  }
}
