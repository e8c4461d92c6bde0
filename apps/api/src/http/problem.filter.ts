import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_TYPES, problemTypeUri } from './problem-types';

interface CodedError {
  code: string;
  message: string;
  pointer?: string;
}

function isCoded(e: unknown): e is CodedError {
  const code = (e as { code?: unknown } | null)?.code;
  return e instanceof Error && typeof code === 'string' && code in PROBLEM_TYPES;
}

// Renders every error as application/problem+json (RFC 9457).
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly log = new Logger('ProblemFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const instance = request?.url;
    let body: Record<string, unknown>;
    if (isCoded(error)) {
      const t = PROBLEM_TYPES[error.code];
      body = { type: problemTypeUri(error.code), title: t.title, status: t.status, detail: error.message, code: error.code, instance };
      if (error.pointer) body.pointer = error.pointer;
    } else if (error instanceof HttpException) {
      const status = error.getStatus();
      const res = error.getResponse();
      const detail = typeof res === 'string' ? res : ((res as { message?: unknown }).message ?? error.message);
      body = { type: 'about:blank', title: error.name.replace(/Exception$/, '').replace(/([a-z])([A-Z])/g, '$1 $2'), status, detail: Array.isArray(detail) ? detail.join('; ') : String(detail), instance };
    } else if (isFastifyClientError(error)) {
      const status = (error as { statusCode: number }).statusCode;
      body = { type: 'about:blank', title: status === 413 ? 'Payload too large' : status === 415 ? 'Unsupported media type' : 'Bad request', status, detail: (error as Error).message, instance };
    } else {
      const errorId = randomUUID();
      this.log.error({ err: error, errorId }, 'unhandled error');
      body = { type: 'about:blank', title: 'Internal Server Error', status: 500, detail: `An unexpected error occurred; quote error id ${errorId}`, errorId, instance };
    }
    void reply.status(body.status as number).header('content-type', 'application/problem+json').send(body);
  }
}

function isFastifyClientError(e: unknown): boolean {
  const s = (e as { statusCode?: unknown })?.statusCode;
  return typeof s === 'number' && s >= 400 && s < 500;
}
