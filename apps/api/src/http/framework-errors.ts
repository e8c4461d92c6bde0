import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { FASTIFY_CODES } from './fastify-error-codes';
import { problemBody } from './problem-body';

// Fastify refuses some requests in its router, before any route or Nest filter sees them: a
// path whose percent-encoding does not decode (FST_ERR_BAD_URL, 400) and a path parameter over
// maxParamLength (FST_ERR_MAX_PARAM_LENGTH, 414). Without this handler it answers them with
// its own application/json body; the HTTP fuzz found both (test/http-fuzz.int-spec.ts).
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
  const code = status === 500 ? 'server/internal' : (FASTIFY_CODES[error.code] ?? 'http/client-error');
  void reply.status(status).header('content-type', 'application/problem+json').send(problemBody({ code, message: status === 500 ? 'An unexpected error occurred' : error.message }, request.url, status));
}
