import { DataSource } from 'typeorm';

// The database as the apps hold it: the connection pool this lib's adapters are built on. Apps
// create it (createDataSource), wire it (its class is their injection token) and pass it on;
// they never query it: every statement lives in this lib. The ORM stays this lib's choice.
export { DataSource as Database };

// Whether PostgreSQL answers at all (health: readiness).
export async function databaseAnswers(db: DataSource): Promise<void> {
  await db.query('SELECT 1');
}

// A CLI command's end: the pool closed, so the process ends as soon as the command has.
export async function closeDatabase(db: DataSource): Promise<void> {
  if (db.isInitialized) await db.destroy();
}
