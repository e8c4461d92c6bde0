import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { RawServerDefault } from 'fastify';
import { deferBodyError } from './deferred-body-error';
import { findNulCharacter } from './find-nul-character';
import { HttpEdgeError } from './http-error';
import { jsonDeeperThan, MAX_JSON_DEPTH } from './json-depth';

export const XML_TYPES = ['application/cap+xml', 'application/xml', 'text/xml'];

// The API's body parsers. Each keeps the bytes as rawBody (a sensor's HMAC covers the raw body)
// and defers its refusal until the caller is authenticated (deferred-body-error.ts).
export function registerBodyParsers(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const { onProtoPoisoning, onConstructorPoisoning } = fastify.initialConfig;
  const json = fastify.getDefaultJsonParser(onProtoPoisoning ?? 'error', onConstructorPoisoning ?? 'error');
  app.useBodyParser<RawServerDefault>('application/json', {}, (req, body, done) => {
    // Fastify's JSON parser (secure-json-parse, prototype poisoning refused) reads a Buffer as well.
    json(req, body as unknown as string, (err: Error | null, parsed?: unknown) => {
      if (err) deferBodyError(req, new HttpEdgeError('http/malformed-json', err.message));
      const tooDeep = !err && jsonDeeperThan(parsed, MAX_JSON_DEPTH);
      if (tooDeep) deferBodyError(req, new HttpEdgeError('http/malformed-json', `JSON nested deeper than ${MAX_JSON_DEPTH} levels is not accepted`));
      const nul = err || tooDeep ? undefined : findNulCharacter(parsed);
      if (nul) deferBodyError(req, new HttpEdgeError('http/bad-request', `${nul}: U+0000 is not accepted in text`, nul));
      done(null, err || tooDeep || nul ? undefined : parsed);
    });
  });
  // CAP arrives as text; the CAP parser (not Fastify) decides what is valid XML.
  app.useBodyParser<RawServerDefault>(XML_TYPES, {}, (_req, body, done) => done(null, body.toString('utf8')));
  // Any other media type: refused, after authentication, by the interceptor.
  app.useBodyParser<RawServerDefault>('*', {}, (req, _body, done) => {
    deferBodyError(req, new HttpEdgeError('http/unsupported-media-type', `Content-Type ${req.headers['content-type'] ?? '(none)'} is not accepted; send application/json (or application/cap+xml where CAP is taken)`));
    done(null, undefined);
  });
}
