import type { FastifyRequest } from 'fastify';
import type { Authentication, Principal } from '@faro/identity';

// What the auth guard leaves on a request it let through.
export interface AuthenticatedRequest extends FastifyRequest {
  principal?: Principal;
  authentication?: Authentication;
}

export function authenticationOf(req: AuthenticatedRequest): Authentication {
  if (!req.authentication) throw new Error('no authentication on the request: is the route @Public()?');
  return req.authentication;
}
