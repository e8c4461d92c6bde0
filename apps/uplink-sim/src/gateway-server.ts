import { timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { GatewayEndpoint } from '@faro/uplink';

const PROBLEM = 'application/problem+json';
// A batch is at most FANOUT_BATCH_SIZE (≤ 10,000) cell ids plus one sealed broadcast.
const BODY_LIMIT_BYTES = 4 * 1024 * 1024;

// The gateway protocol over HTTP/1.1 (docs/gateway-protocol.md): everything under /v1/ goes to
// the endpoint, which knows the routes; /health is the process's own liveness.
export function gatewayServer(endpoint: GatewayEndpoint, opts: { token?: string; log: Logger }): FastifyInstance {
  // forceCloseConnections: a silent gateway's held requests must not keep a stop waiting.
  const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT_BYTES, keepAliveTimeout: 65_000, return503OnClosing: true, forceCloseConnections: true });
  const expected = opts.token ? Buffer.from(`Bearer ${opts.token}`) : undefined;

  app.get('/health', async () => ({ status: 'ok' }));

  app.route({
    method: ['GET', 'PUT', 'POST', 'DELETE', 'PATCH'],
    url: '/v1/*',
    handler: async (req, reply) => {
      if (expected && !sameSecret(expected, req.headers.authorization)) {
        return reply.code(401).header('content-type', PROBLEM).header('www-authenticate', 'Bearer').send({
          type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'a bearer token issued by the gateway operator is required', code: 'uplink/rejected', retryable: false,
        });
      }
      const path = req.url.split('?')[0];
      // The alert a submission or kill is for, on each of its lines: the same alertId the API's
      // and the worker's lines carry, so one alert can be followed across the three processes.
      const alertId = alertIdOf(req.body);
      const log = alertId ? opts.log.child({ alertId }) : opts.log;
      const res = await endpoint.handle({ method: req.method, path, body: req.body });
      if ('silent' in res) {
        // Holds the request open and never answers: the caller's timeout is the only way out.
        log.info({ path }, 'gateway silent: request left unanswered');
        return reply.hijack();
      }
      if (res.status === 200 && (res.body as { duplicate?: boolean }).duplicate) log.info({ path }, 'gateway acknowledged a repeated request: nothing transmitted again');
      else if (res.status === 200 && req.method === 'PUT') log.info({ path }, 'gateway took the request');
      if (res.status !== 200) log.info({ path, status: res.status, code: (res.body as { code?: string }).code }, 'gateway refused');
      if (res.retryAfterSeconds !== undefined) reply.header('retry-after', String(res.retryAfterSeconds));
      return reply.code(res.status).header('content-type', res.status === 200 ? 'application/json' : PROBLEM).send(res.body);
    },
  });

  app.setNotFoundHandler((req, reply) =>
    reply.code(404).header('content-type', PROBLEM).send({ type: 'about:blank', title: 'Not found', status: 404, detail: `no route ${req.method} ${req.url.split('?')[0]}`, code: 'uplink/rejected', retryable: false }),
  );
  // Malformed JSON, a body over the limit, a wrong content type: refusals, never transmissions.
  app.setErrorHandler((error: { statusCode?: number; message: string }, req, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) opts.log.error({ err: error, path: req.url }, 'gateway failed');
    const code = status === 500 ? 'uplink/transient' : 'uplink/rejected';
    return reply.code(status).header('content-type', PROBLEM).send({
      type: 'about:blank', title: status === 500 ? 'Gateway error' : 'Bad request', status, detail: status === 500 ? 'the gateway failed; try again' : error.message, code, retryable: status === 500,
    });
  });
  return app;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Only a well-formed id: a caller's free text never reaches the log.
function alertIdOf(body: unknown): string | undefined {
  const id = (body as { alertId?: unknown } | null)?.alertId;
  return typeof id === 'string' && UUID.test(id) ? id : undefined;
}

function sameSecret(expected: Buffer, given: string | undefined): boolean {
  const g = Buffer.from(given ?? '');
  return g.length === expected.length && timingSafeEqual(g, expected);
}
