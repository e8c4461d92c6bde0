import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { loadConfigOrExit, redactConfig, type FaroConfig } from '@faro/config';
import { databaseTimeoutsOf, InventoryIndex, pgTimeoutOptions, runMigrations, SqlSigningKeys } from '@faro/persistence';
import { checkRedisEvictionPolicy, selectQueueBackend } from '@faro/queue';
import { WorkerModule } from './worker.module';

export async function createWorker(config: FaroConfig) {
  // Chosen before Nest builds any queue: the backend factory is process-wide.
  const backend = selectQueueBackend(config, { ...pgTimeoutOptions(databaseTimeoutsOf(config)) });
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, backend), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.get(SqlSigningKeys).ensureActive();
  // Load the inventory index before taking work: the first alert should not pay for it.
  await app.get(InventoryIndex).index();
  return { app, backend };
}

async function main(): Promise<void> {
  const config = loadConfigOrExit('faro-worker');
  if (config.REDIS_URL) await refuseEvictingRedis(config.REDIS_URL);
  await runMigrations(config.DATABASE_URL);
  const { app, backend } = await createWorker(config);
  await app.init();
  const log = app.get(Logger);
  log.log({ config: redactConfig(config) }, 'faro-worker configuration');
  const uplink = config.UPLINK_MODE === 'network' ? `gateways at ${config.UPLINK_URL}` : 'uplink simulator in process';
  log.log(`faro-worker ready: ${backend.describe}; ${uplink}`);
}

// A Redis that evicts keys loses jobs: the worker does not start on one. Where CONFIG is refused
// (a managed Redis) the policy cannot be read, and the log says so loudly, as JSON like the rest.
async function refuseEvictingRedis(url: string): Promise<void> {
  const check = await checkRedisEvictionPolicy(url);
  if (check.ok === true) return;
  if (check.ok === 'unknown') {
    process.stdout.write(`${JSON.stringify({ level: 40, time: Date.now(), context: 'faro-worker', msg: `WARNING: ${check.message}` })}\n`);
    return;
  }
  console.error(`faro-worker refuses to start: ${check.message}`);
  process.exit(1);
}

if (require.main === module) {
  main().catch((e) => {
    console.error('faro-worker failed to start:', e instanceof Error ? e.stack : e);
    process.exit(1);
  });
}
