import { AsyncResource } from 'node:async_hooks';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { runForCaller } from '@faro/persistence';
import { PROBLEM_TYPES, problemTypeUri, RETRY_AFTER_SECONDS } from './problem-types';

// No request hangs: one not answered within the deadline gets a 503 with Retry-After, whatever
// it waits for. The database timeouts fire first (the deadline is configured above them), so
// this is the backstop for anything else that stalls. A handler that finishes later finds the
// reply sent, and Fastify drops its answer.
//
// A request answered by its deadline, or whose client closed the connection first, is
// abandoned: its handler runs on with the request's signal aborted, and a transaction it has
// not yet committed is rolled back (libs/persistence caller-gone.ts) rather than written behind
// the client's back. The signal rides the request's async context; Fastify resumes a parsed body
// in the socket's context, so preValidation re-enters the request's scope (as
// @fastify/request-context does).
export function registerRequestDeadline(app: NestFastifyApplication, deadlineMs: number): void {
  const fastify = app.getHttpAdapter().getInstance();
  const scopes = new WeakMap<FastifyRequest, AsyncResource>();
  fastify.addHook('onRequest', (request, reply, done) => {
    const abandoned = new AbortController();
    const timer = setTimeout(() => {
      abandoned.abort();
      if (reply.sent || reply.raw.headersSent || reply.raw.destroyed) return;
      const t = PROBLEM_TYPES['server/unavailable'];
      void reply
        .status(503)
        .header('retry-after', String(RETRY_AFTER_SECONDS))
        .header('content-type', 'application/problem+json')
        .send({ type: problemTypeUri('server/unavailable'), title: t.title, status: 503, detail: `No answer within ${deadlineMs} ms; retry later`, code: 'server/unavailable', instance: request.url });
    }, deadlineMs);
    reply.raw.once('close', () => {
      clearTimeout(timer);
      // Closed before the answer was written out: the client has gone.
      if (!reply.raw.writableFinished) abandoned.abort();
    });
    runForCaller(abandoned.signal, () => {
      const scope = new AsyncResource('faro-request');
      scopes.set(request, scope);
      scope.runInAsyncScope(done);
    });
  });
  fastify.addHook('preValidation', (request, _reply, done) => {
    const scope = scopes.get(request);
    if (scope) scope.runInAsyncScope(done);
    else done();
  });
}
