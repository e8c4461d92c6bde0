import { AsyncResource } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import type { PinoLogger } from 'nestjs-pino';

// A proxy's or client's id is kept when it is short and plain (it is echoed and logged).
const ACCEPTABLE = /^[A-Za-z0-9._:-]{8,128}$/;

// Fastify's genReqId: the request's correlation id, which pino-http logs as req.id on every line.
export function requestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && ACCEPTABLE.test(given) ? given : randomUUID();
}

// Every answer names its request, so a caller can quote it and an operator find its lines.
export function answerRequestId(app: NestFastifyApplication): void {
  app.getHttpAdapter().getInstance().addHook('onRequest', (req, reply, done) => {
    void reply.header('x-request-id', req.id);
    done();
  });
}

// For a request on an alert, the alert's id: the correlation id that crosses into the worker.
function alertIdOf(req: FastifyRequest): string | undefined {
  const route = req.routeOptions?.url;
  const id = (req.params as { id?: unknown } | undefined)?.id;
  return route?.startsWith('/api/v1/alerts/:id') && typeof id === 'string' ? id : undefined;
}

const CONTEXT = Symbol('faro.requestLogContext');

/**
 * Every line logged while a request is handled (Nest's Logger and PinoLogger read nestjs-pino's
 * context) carries the request's id, and on an alert's routes the alert's id. nestjs-pino binds
 * that context in a Nest middleware, which on this Fastify adapter never runs for the API's routes;
 * so it is bound here, in Fastify's onRequest hook, through nestjs-pino's own runInContext.
 * Fastify runs preValidation and the handler from the request body's 'end' event, outside the
 * context the hook entered, so an AsyncResource made inside it re-enters it there (the way
 * @fastify/request-context does).
 */
export function bindRequestLogContext(app: NestFastifyApplication, pino: PinoLogger): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (req, _reply, done) => {
    const alertId = alertIdOf(req);
    pino.runInContext(
      () => {
        const scope = new AsyncResource('faro-request');
        (req as unknown as Record<symbol, AsyncResource>)[CONTEXT] = scope;
        scope.runInAsyncScope(done);
      },
      { bindings: { req: { id: req.id }, ...(alertId ? { alertId } : {}) } },
    );
  });
  fastify.addHook('preValidation', (req, _reply, done) => {
    const scope = (req as unknown as Record<symbol, AsyncResource | undefined>)[CONTEXT];
    if (scope) scope.runInAsyncScope(done);
    else done();
  });
}

// One JSON line per answered request (pino, with the redaction of app.module.ts): its id, route
// template, status and time, and for a request on an alert the alert's id, the correlation id
// the worker puts on every line of that alert's jobs. Health probes are left out.
export function logRequests(app: NestFastifyApplication, log: { info(obj: object, msg: string): void }): void {
  app.getHttpAdapter().getInstance().addHook('onResponse', (req, reply, done) => {
    const route = req.routeOptions?.url;
    if (!route?.startsWith('/health')) {
      const alertId = alertIdOf(req);
      // The path without its query: a query string is no place for a secret, but if one came it stays out.
      log.info({ req: { id: req.id, method: req.method, url: req.url.split('?')[0], route }, res: { statusCode: reply.statusCode }, responseTime: Math.round(reply.elapsedTime), ...(alertId ? { alertId } : {}) }, 'request completed');
    }
    done();
  });
}
