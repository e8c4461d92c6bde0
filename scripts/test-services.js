// The PostgreSQL (and the answer on Redis) for `npm test`, reusing the launcher's built modules.
//
//   node scripts/test-services.js <env-file>
//
// Writes FARO_TEST_DATABASE_URL (and, when a Redis answers at 127.0.0.1:6379, REDIS_URL and
// FARO_TEST_DATABASE_URL_REDIS: a second database, <name>_redis, for the Redis pass that test.sh
// runs beside the PostgreSQL one) as shell assignments to <env-file> once the databases are ready. With the local PostgreSQL it exits then;
// with an embedded one (nothing at 127.0.0.1:5432, or FARO_EMBEDDED=1) it stays up until SIGTERM.
// DATABASE_URL and REDIS_URL are deliberately ignored: the test database is dropped on every run.
// FARO_TEST_DATABASE renames it (default faro_test), for two checkouts testing on one PostgreSQL.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const built = path.join(root, 'dist', 'apps', 'launcher', 'src');
const { chooseServices, probesNeeded, LOCAL_POSTGRES_ADMIN_URL, LOCAL_REDIS_URL } = require(path.join(built, 'choose-services.js'));
const { startEmbeddedPostgres } = require(path.join(built, 'embedded-postgres.js'));
const { recreateDatabase } = require(path.join(built, 'postgres-database.js'));
const { probePostgres, probeRedis } = require(path.join(built, 'service-probe.js'));

const DATABASE = process.env.FARO_TEST_DATABASE || 'faro_test';
const log = (msg) => process.stdout.write(`[test-services] ${msg}\n`);

async function main() {
  const envFile = process.argv[2];
  if (!envFile) throw new Error('usage: node scripts/test-services.js <env-file>');
  if (!/^[a-z_][a-z0-9_]*$/.test(DATABASE)) throw new Error(`FARO_TEST_DATABASE must be a plain lower-case name, not ${DATABASE}`);
  const env = { FARO_EMBEDDED: process.env.FARO_EMBEDDED };
  const needed = probesNeeded(env);
  const [postgres, redis] = await Promise.all([
    needed.postgres ? probePostgres(LOCAL_POSTGRES_ADMIN_URL) : undefined,
    needed.redis ? probeRedis(LOCAL_REDIS_URL) : undefined,
  ]);
  const choice = chooseServices(env, { postgres, redis }, DATABASE);

  // Each queue backend's integration pass migrates and clones its own database, so the two can run
  // side by side.
  const databases = choice.redis.kind === 'local' ? [DATABASE, `${DATABASE}_redis`] : [DATABASE];
  let url;
  let embedded;
  let urlFor;
  if (choice.postgres.kind === 'local') {
    for (const db of databases) await recreateDatabase(LOCAL_POSTGRES_ADMIN_URL, db);
    url = choice.postgres.url;
    urlFor = (db) => withDatabase(url, db);
    log(`PostgreSQL: 127.0.0.1:5432, database(s) ${databases.join(', ')} created afresh`);
  } else {
    const faroDir = path.join(root, '.faro');
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(faroDir, 'pg-test'),
      passwordFile: path.join(faroDir, 'pg-test.password'),
      log: (msg) => log(`embedded PostgreSQL: ${msg}`),
    });
    for (const db of databases) await recreateDatabase(embedded.urlFor('postgres'), db);
    url = embedded.urlFor(DATABASE);
    urlFor = (db) => embedded.urlFor(db);
    log(
      `PostgreSQL: embedded ${embedded.majorVersion} on 127.0.0.1:${embedded.port}, data in .faro/pg-test ` +
        `(${choice.postgres.reason}), database(s) ${databases.join(', ')} created afresh`,
    );
  }

  const lines = [`FARO_TEST_DATABASE_URL='${url}'`];
  if (choice.redis.kind === 'local') {
    lines.push(`REDIS_URL='${choice.redis.url}'`, `FARO_TEST_DATABASE_URL_REDIS='${urlFor(databases[1])}'`);
  }
  else log(`Redis: none (${choice.redis.reason})`);
  // Written whole, then renamed: test.sh reads the file as soon as it appears.
  fs.writeFileSync(`${envFile}.partial`, `${lines.join('\n')}\n`, { mode: 0o600 });
  fs.renameSync(`${envFile}.partial`, envFile);

  if (!embedded) return 0;
  const ending = await new Promise((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(signal, () => resolve('signal'));
    embedded.onUnexpectedExit(() => resolve('died'));
  });
  if (ending === 'died') {
    log('embedded PostgreSQL exited while the tests ran');
    return 1;
  }
  await embedded.stop();
  log('embedded PostgreSQL stopped');
  return 0;
}

function withDatabase(url, db) {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

main().then(
  (code) => process.exit(code),
  (e) => {
    log(`failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
