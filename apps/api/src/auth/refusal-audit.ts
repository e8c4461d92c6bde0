import { Logger } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { actorRef, IdentityError, type Principal } from '@faro/identity';
import { SqlUserStore } from '@faro/persistence';
import { authenticationOf, type AuthenticatedRequest } from './authenticated-request';

const log = new Logger('auth');

// A refused action by someone authenticated goes on the audit chain: who, what, why; and in the
// log, with the request's id, for whoever follows the request (its details stay in the trail).
export async function auditRefusal(users: SqlUserStore, principal: Principal, req: FastifyRequest, reason: string, details: Record<string, unknown> = {}): Promise<void> {
  log.warn({ actor: actorRef(principal), reason, method: req.method, route: req.routeOptions?.url }, 'action refused');
  await users.audit({
    actor: actorRef(principal),
    action: 'auth.refused',
    subjectType: 'user',
    subjectId: principal.id,
    details: { method: req.method, path: req.url.split('?')[0], reason, ...details },
  });
}

// Some things are done only by a person at a signed-in session, never with an API token:
// minting tokens (a token could otherwise outlive itself) and enrolling a second factor.
export async function refuseUnlessSession(users: SqlUserStore, req: AuthenticatedRequest, message: string): Promise<void> {
  const auth = authenticationOf(req);
  if (auth.method === 'session') return;
  await auditRefusal(users, auth.principal, req, 'api-token');
  throw new IdentityError('auth/forbidden', message);
}
