// The PostgreSQL (and the answer on Redis) for `npm test`, reusing the launcher's built modules.
//
//   node scripts/test-services.js <env-file>
//
// Writes FARO_TEST_DATABASE_URL (and REDIS_URL when a Redis answers at 127.0.0.1:6379) as shell
// assignments to <env-file> once the database is ready. With a Redis it also starts an embedded
// PostgreSQL of its own for the Redis pass (FARO_TEST_DATABASE_URL_REDIS), which test.sh runs beside
// the PostgreSQL-backend pass: the two passes together open more connections than one server's
// default max_connections of 100. If that server cannot start, the passes run one after the other. With the local PostgreSQL it exits then;
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

  let url;
  let embedded;
  if (choice.postgres.kind === 'local') {
    await recreateDatabase(LOCAL_POSTGRES_ADMIN_URL, DATABASE);
    url = choice.postgres.url;
    log(`PostgreSQL: 127.0.0.1:5432, database ${DATABASE} created afresh`);
  } else {
    const faroDir = path.join(root, '.faro');
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(faroDir, 'pg-test'),
      passwordFile: path.join(faroDir, 'pg-test.password'),
      log: (msg) => log(`embedded PostgreSQL: ${msg}`),
    });
    await recreateDatabase(embedded.urlFor('postgres'), DATABASE);
    url = embedded.urlFor(DATABASE);
    log(
      `PostgreSQL: embedded ${embedded.majorVersion} on 127.0.0.1:${embedded.port}, data in .faro/pg-test ` +
        `(${choice.postgres.reason}), database ${DATABASE} created afresh`,
    );
  }

  const lines = [`FARO_TEST_DATABASE_URL='${url}'`];
  let second;
  if (choice.redis.kind === 'local') {
    lines.push(`REDIS_URL='${choice.redis.url}'`);
    try {
      second = await startEmbeddedPostgres({
        dataDir: path.join(root, '.faro', 'pg-test-redis'),
        passwordFile: path.join(root, '.faro', 'pg-test-redis.password'),
        log: (msg) => log(`embedded PostgreSQL for the Redis pass: ${msg}`),
      });
      await recreateDatabase(second.urlFor('postgres'), DATABASE);
      lines.push(`FARO_TEST_DATABASE_URL_REDIS='${second.urlFor(DATABASE)}'`);
      log(`PostgreSQL for the Redis pass: embedded ${second.majorVersion} on 127.0.0.1:${second.port}, data in .faro/pg-test-redis`);
    } catch (e) {
      log(`no PostgreSQL of its own for the Redis pass (${e instanceof Error ? e.message.split('\n')[0] : String(e)}): the queue passes run one after the other`);
      await second?.stop().catch(() => undefined);
      second = undefined;
    }
  } else log(`Redis: none (${choice.redis.reason})`);
  // Written whole, then renamed: test.sh reads the file as soon as it appears.
  fs.writeFileSync(`${envFile}.partial`, `${lines.join('\n')}\n`, { mode: 0o600 });
  fs.renameSync(`${envFile}.partial`, envFile);

  const servers = [embedded, second].filter(Boolean);
  if (servers.length === 0) return 0;
  const ending = await new Promise((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(signal, () => resolve('signal'));
    for (const server of servers) server.onUnexpectedExit(() => resolve('died'));
  });
  await Promise.all(servers.map((server) => server.stop().catch(() => undefined)));
  if (ending === 'died') {
    log('an embedded PostgreSQL exited while the tests ran');
    return 1;
  }
  log('embedded PostgreSQL stopped');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    log(`failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
