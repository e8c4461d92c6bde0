import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

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

// One JSON line per answered request (pino, with the redaction of app.module.ts): its id, route
// template, status and time, and for a request on an alert the alert's id, the correlation id
// the worker puts on every line of that alert's jobs. Health probes are left out.
export function logRequests(app: NestFastifyApplication, log: { info(obj: object, msg: string): void }): void {
  app.getHttpAdapter().getInstance().addHook('onResponse', (req, reply, done) => {
    const route = req.routeOptions?.url;
    if (!route?.startsWith('/health')) {
      const id = (req.params as { id?: unknown } | undefined)?.id;
      const alertId = route?.startsWith('/api/v1/alerts/:id') && typeof id === 'string' ? id : undefined;
      // The path without its query: a query string is no place for a secret, but if one came it stays out.
      log.info({ req: { id: req.id, method: req.method, url: req.url.split('?')[0], route }, res: { statusCode: reply.statusCode }, responseTime: Math.round(reply.elapsedTime), ...(alertId ? { alertId } : {}) }, 'request completed');
    }
    done();
  });
}
