import type { FastifyReply, FastifyRequest } from 'fastify';
import '@fastify/cookie';
import { SESSION_MAX_MS } from '@faro/identity';

export const SESSION_COOKIE = 'faro_session';
export const CSRF_HEADER = 'x-csrf-token';

// Secure always, except for plain http from this machine to this machine (development, the
// tests): a browser drops a Secure cookie set over http, and such traffic crosses no network.
// A request relayed by a proxy (X-Forwarded-*) is never taken for local: its client may be anywhere.
function secureCookie(req: FastifyRequest): boolean {
  const relayed = req.headers['x-forwarded-for'] !== undefined || req.headers['x-forwarded-proto'] !== undefined || req.headers.forwarded !== undefined;
  return !(req.protocol === 'http' && !relayed && isLoopbackAddress(req.ip) && isLoopbackHost(req.hostname));
}

function isLoopbackAddress(ip: string): boolean {
  return ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.');
}

function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || isLoopbackAddress(h);
}

// The browser may keep it 8 hours at most; the server ends it sooner when idle.
export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/', secure: secureCookie(req), maxAge: SESSION_MAX_MS / 1000 });
}

export function clearSessionCookie(req: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', path: '/', secure: secureCookie(req) });
}

export function sessionCookieOf(req: FastifyRequest): string | undefined {
  return req.cookies?.[SESSION_COOKIE] || undefined;
}
