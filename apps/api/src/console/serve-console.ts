import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { isConsoleRoute } from './console-route';

// The operators' console (apps/console, built by `npm run build` into dist/console) on the API's
// own origin and port. A GET for a client route (/, /approvals, /alerts/<id>…) answers index.html
// and the console's router takes over; the API's own prefixes, and any path that looks like a
// file, keep their 404 problem+json (Nest's not-found handler).
export const CONSOLE_DIR = resolve(__dirname, '..', '..', '..', '..', 'console');

// Everything the console loads comes from Faro itself (the issue: usable with no internet).
const CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self'; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

export async function serveConsole(app: NestFastifyApplication, dir = CONSOLE_DIR): Promise<boolean> {
  if (!existsSync(resolve(dir, 'index.html'))) return false;
  // wildcard: false registers one route per built file; hashed assets are immutable.
  await app.register(fastifyStatic, {
    root: dir,
    wildcard: false,
    index: false,
    serveDotFiles: false,
    setHeaders: (reply, path) => reply.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  const fastify = app.getHttpAdapter().getInstance();
  const page = (url: string, reply: any) => {
    const path = url.split('?')[0];
    if (!isConsoleRoute(path)) return reply.callNotFound();
    return reply.header('content-security-policy', CONTENT_SECURITY_POLICY).header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer').header('cache-control', 'no-cache').sendFile('index.html');
  };
  fastify.get('/', (req, reply) => page(req.url, reply));
  fastify.get('/*', (req, reply) => page(req.url, reply));
  return true;
}
