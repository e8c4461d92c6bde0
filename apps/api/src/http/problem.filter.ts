import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from './database-unavailable';
import { edgeErrorOf } from './edge-error-of';
import { problemBody } from './problem-body';
import { PROBLEM_TYPES, problemTypeUri, RETRY_AFTER_SECONDS } from './problem-types';

interface CodedError {
  code: string;
  message: string;
  pointer?: string;
}

function isCoded(e: unknown): e is CodedError {
  const code = (e as { code?: unknown } | null)?.code;
  return e instanceof Error && typeof code === 'string' && code in PROBLEM_TYPES;
}

// Renders every error as application/problem+json (RFC 9457) with a Faro type and code.
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly log = new Logger('ProblemFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const instance = request?.url;
    let body: Record<string, unknown>;
    const edge = isCoded(error) ? undefined : edgeErrorOf(error);
    const coded: CodedError | undefined = isCoded(error) ? error : edge;
    // One line, no stack: an outage answers every request this way.
    if (isDatabaseUnavailable(error)) this.log.warn({ cause: (error as Error).message, url: instance }, 'database unavailable: answered 503');
    if (coded) {
      body = problemBody(coded, instance, edge?.status);
    } else {
      const errorId = randomUUID();
      this.log.error({ err: error, errorId }, 'unhandled error');
      const t = PROBLEM_TYPES['server/internal'];
      body = { type: problemTypeUri('server/internal'), title: t.title, status: t.status, detail: `An unexpected error occurred; quote error id ${errorId}`, code: 'server/internal', errorId, instance };
    }
    if (reply.sent) return;
    if (body.status === 503) void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    void reply.status(body.status as number).header('content-type', 'application/problem+json').send(body);
  }
}
