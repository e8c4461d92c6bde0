import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadConfig, redactConfig, type FaroConfig } from '@faro/config';
import { InventoryIndex, runMigrations, SqlSigningKeys } from '@faro/persistence';
import { AppModule } from './app.module';

const XML_TYPES = ['application/cap+xml', 'application/xml', 'text/xml'];

export async function createApi(config: FaroConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: 1024 * 1024 });
  // CAP arrives as text; the CAP parser (not Fastify) decides what is valid XML.
  adapter.getInstance().addContentTypeParser(XML_TYPES, { parseAs: 'string' }, (_req, body, done) => done(null, body));
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  const doc = new DocumentBuilder()
    .setTitle('Faro API')
    .setDescription('Direct-to-cell emergency alerting: incidents, alerts, targeting, cell broadcast')
    .setVersion('1')
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, doc), { jsonDocumentUrl: 'api/docs/openapi.json' });
  await app.get(SqlSigningKeys).ensureActive();
  // Drafting targets the areas at once: have the index ready before the first request.
  await app.get(InventoryIndex).index();
  return app;
}

async function main(): Promise<void> {
  let config: FaroConfig;
  try {
    config = loadConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`faro-api: ${e.message}`);
      process.exit(2);
    }
    throw e;
  }
  await runMigrations(config.DATABASE_URL);
  const app = await createApi(config);
  const log = app.get(Logger);
  log.log({ config: redactConfig(config) }, 'faro-api configuration');
  await app.listen({ port: config.PORT, host: config.HOST });
  log.log(`faro-api listening on http://${config.HOST}:${config.PORT} (OpenAPI at /api/docs)`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error('faro-api failed to start:', e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
