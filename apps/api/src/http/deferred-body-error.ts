import { Injectable, SetMetadata, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { HttpEdgeError } from './http-error';

// Fastify parses a body before Nest's guards run, so a parser's refusal (malformed JSON, a media
// type nobody takes) would reach a caller who has not even authenticated, ahead of the 401.
// The parsers in body-parsers.ts keep the refusal on the request instead; the interceptor
// below, which Nest runs after the guards, throws it. (A body over the size limit is still
// refused while it is read: Fastify stops reading it, so there is nothing to defer.)
const DEFERRED = Symbol('faro.deferredBodyError');
type Deferring = FastifyRequest & { [DEFERRED]?: HttpEdgeError };

export function deferBodyError(req: FastifyRequest, error: HttpEdgeError): void {
  (req as Deferring)[DEFERRED] = error;
}

export function throwDeferredBodyError(req: FastifyRequest): void {
  const error = (req as Deferring)[DEFERRED];
  if (error) throw error;
}

export const CHECKS_BODY_AFTER_OWN_AUTH = 'faro:checks-body-after-own-auth';
// A route that authenticates in its handler (a sensor's HMAC over the raw body) and calls
// throwDeferredBodyError itself once the caller is known.
export const ChecksBodyAfterOwnAuth = () => SetMetadata(CHECKS_BODY_AFTER_OWN_AUTH, true);

@Injectable()
export class DeferredBodyErrorInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.reflector.getAllAndOverride<boolean>(CHECKS_BODY_AFTER_OWN_AUTH, [ctx.getHandler(), ctx.getClass()])) {
      throwDeferredBodyError(ctx.switchToHttp().getRequest<FastifyRequest>());
    }
    return next.handle();
  }
}
