import { HttpException } from '@nestjs/common';
import { isDatabaseUnavailable } from './database-unavailable';
import { FASTIFY_CODES } from './fastify-error-codes';
import type { HttpEdgeCode } from './http-error';

// What Nest (route not found, ParseUUIDPipe) and Fastify answer by status alone.
// (Terminus answers an unhealthy /health with a 503 HttpException.)
const STATUS_CODES: Record<number, HttpEdgeCode | 'server/unavailable'> = {
  400: 'http/bad-request',
  404: 'http/not-found',
  405: 'http/method-not-allowed',
  413: 'http/payload-too-large',
  415: 'http/unsupported-media-type',
  429: 'http/too-many-requests',
  503: 'server/unavailable',
};

export interface EdgeProblem {
  code: string;
  message: string;
  status: number;
}

// An error raised by Nest or Fastify rather than by Faro's code, given a code of the problem
// table so it is named like any other: no client ever sees an untyped "about:blank" problem.
// A 4xx keeps its status; a 5xx other than 503 is left to the filter's internal-error path,
// unless Nest raised it on purpose as an HttpException.
export function edgeErrorOf(error: unknown): EdgeProblem | undefined {
  if (isDatabaseUnavailable(error)) return { code: 'server/unavailable', message: 'The database is unavailable; retry later', status: 503 };
  const isHttp = error instanceof HttpException;
  const cause = isHttp ? error.cause : error;
  const status = isHttp ? error.getStatus() : (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status !== 'number' || status < 400 || (status >= 500 && !isHttp)) return undefined;
  const fastifyCode = (cause as { code?: unknown } | null)?.code;
  const code = (typeof fastifyCode === 'string' ? FASTIFY_CODES[fastifyCode] : undefined) ?? STATUS_CODES[status] ?? (status >= 500 ? 'server/internal' : 'http/client-error');
  return { code, message: detailOf(error), status };
}

function detailOf(error: unknown): string {
  if (error instanceof HttpException) {
    const res = error.getResponse();
    const message = typeof res === 'string' ? res : ((res as { message?: unknown }).message ?? error.message);
    return Array.isArray(message) ? message.join('; ') : String(message);
  }
  return error instanceof Error ? error.message : String(error);
}
