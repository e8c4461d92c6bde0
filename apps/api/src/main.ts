import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import fastifyCookie from '@fastify/cookie';
import { Logger, PinoLogger } from 'nestjs-pino';
import { loadConfigOrExit, redactConfig, type FaroConfig } from '@faro/config';
import { runMigrations, SqlSigningKeys } from '@faro/persistence';
import { AppModule } from './app.module';
import { registerBodyParsers } from './http/body-parsers';
import { answerFrameworkError } from './http/framework-errors';
import { registerRequestDeadline } from './http/request-deadline';
import { buildOpenApiDocument } from './openapi/openapi-document';
import { DraftingPool } from './drafting/drafting-pool';
import { ApiMetrics } from './metrics/api-metrics';
import { answerRequestId, bindRequestLogContext, logRequests, requestId } from './http/request-id';
import { CONSOLE_DIR, serveConsole } from './console/serve-console';

export async function createApi(config: FaroConfig): Promise<NestFastifyApplication> {
  // requestTimeout bounds receiving a request (a slow client); the deadline bounds answering it.
  // genReqId: the request's correlation id (the caller's X-Request-Id when sane, else a UUID),
  // logged as req.id on each of its lines and answered in X-Request-Id.
  const adapter = new FastifyAdapter({ genReqId: requestId, bodyLimit: 1024 * 1024, requestTimeout: config.HTTP_REQUEST_TIMEOUT_MS, frameworkErrors: answerFrameworkError });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, { bufferLogs: true, rawBody: true });
  registerBodyParsers(app);
  registerRequestDeadline(app, config.HTTP_REQUEST_TIMEOUT_MS);
  app.get(ApiMetrics).observeHttp(app);
  answerRequestId(app);
  bindRequestLogContext(app, await app.resolve(PinoLogger));
  logRequests(app, PinoLogger.root);
  app.useLogger(app.get(Logger));
  // The session cookie (apps/api/src/auth/session-cookie.ts); unsigned: its value is a random id.
  await app.register(fastifyCookie);
  app.enableShutdownHooks();
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'api/docs/openapi.json', swaggerOptions: { persistAuthorization: true, withCredentials: true } });
  // The console's build; without one (a build that skipped it) the API runs and `/` stays a 404.
  if (!(await serveConsole(app))) app.get(Logger).warn(`No console build at ${CONSOLE_DIR}: run npm run build`);
  await app.get(SqlSigningKeys).ensureActive();
  // Drafting targets the areas at once: have a drafting thread's index ready before the first request.
  await app.get(DraftingPool).ready();
  return app;
}

async function main(): Promise<void> {
  const config = loadConfigOrExit('faro-api');
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
