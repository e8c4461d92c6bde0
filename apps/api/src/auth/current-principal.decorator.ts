import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from '@faro/identity';

// The principal the auth guard put on the request.
export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const req = ctx.switchToHttp().getRequest<{ principal?: Principal }>();
  if (!req.principal) throw new Error('no principal on the request: is the route @Public()?');
  return req.principal;
});
