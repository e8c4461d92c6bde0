import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PROBLEM_TYPES, problemTypeUri, RETRY_AFTER_SECONDS } from './problem-types';

// No request hangs: one not answered within the deadline gets a 503 with Retry-After, whatever
// it waits for. The database timeouts fire first (the deadline is configured above them), so
// this is the backstop for anything else that stalls. A handler that finishes later finds the
// reply sent, and Fastify drops its answer.
export function registerRequestDeadline(app: NestFastifyApplication, deadlineMs: number): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    const timer = setTimeout(() => {
      if (reply.sent || reply.raw.headersSent || reply.raw.destroyed) return;
      const t = PROBLEM_TYPES['server/unavailable'];
      void reply
        .status(503)
        .header('retry-after', String(RETRY_AFTER_SECONDS))
        .header('content-type', 'application/problem+json')
        .send({ type: problemTypeUri('server/unavailable'), title: t.title, status: 503, detail: `No answer within ${deadlineMs} ms; retry later`, code: 'server/unavailable', instance: request.url });
    }, deadlineMs);
    reply.raw.once('close', () => clearTimeout(timer));
    done();
  });
}
