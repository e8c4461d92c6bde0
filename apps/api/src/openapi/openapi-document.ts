import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { SESSION_COOKIE } from '../auth/session-cookie';
import { problemSchema } from '../http/problem.schema';
import { PUBLIC_EXTENSION } from '../auth/public.decorator';
import { EVENT_STREAM_EXTENSION, REQUEST_CONTENT_EXTENSION } from './api-docs.decorators';
import { problemResponse } from './problem-responses';
import { zodToOpenApi, type ConvertedSchema } from './zod-to-openapi';

const UNSAFE_METHODS = new Set(['post', 'put', 'patch', 'delete']);
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export { zodToOpenApi };

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Faro API')
    .setDescription(
      'Direct-to-cell emergency alerting: incidents, alerts, targeting, cell broadcast. Authenticate with an API token ' +
        '(Authorization: Bearer <token>) or with the session cookie set by POST /api/v1/auth/login, which also returns ' +
        'the CSRF token every unsafe request of a session must send as X-CSRF-Token. Every error is application/problem+json.',
    )
    .setVersion('1')
    .setOpenAPIVersion('3.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'Faro API token (opaque)', description: 'An API token (POST /api/v1/tokens, or faro tokens:create)' }, 'bearer')
    .addCookieAuth(SESSION_COOKIE, { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'The session cookie set by POST /api/v1/auth/login' }, 'session')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-CSRF-Token', description: 'With the session cookie, on POST, PUT, PATCH and DELETE: the csrfToken from login or GET /api/v1/auth/me' }, 'csrf')
    .build();
  const doc = SwaggerModule.createDocument(app, config, { standardSchemaConverter: zodToOpenApi });
  const problem = zodToOpenApi(problemSchema, { schemaType: 'output' })!;
  doc.components = { ...doc.components, schemas: { ...doc.components?.schemas, ...(problem.components as object) } };
  for (const item of Object.values(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const extensions = op as unknown as Record<string, unknown>;
      const isPublic = extensions[PUBLIC_EXTENSION] === true;
      delete extensions[PUBLIC_EXTENSION];
      const content = extensions[REQUEST_CONTENT_EXTENSION] as Record<string, { schema: object }> | undefined;
      delete extensions[REQUEST_CONTENT_EXTENSION];
      if (content) op.requestBody = { required: true, content };
      const stream = extensions[EVENT_STREAM_EXTENSION];
      delete extensions[EVENT_STREAM_EXTENSION];
      if (stream) documentEventStream(doc, op, stream as ConvertedSchema);
      // Either credential; a session's unsafe request also needs its CSRF token.
      op.security = isPublic ? [] : [{ bearer: [] }, UNSAFE_METHODS.has(method) ? { session: [], csrf: [] } : { session: [] }];
      const statuses = new Set([500]);
      const params = (op.parameters ?? []) as Array<{ in?: string }>;
      if (!isPublic) [401, 403].forEach((s) => statuses.add(s));
      if (op.requestBody) [400, 413, 415].forEach((s) => statuses.add(s));
      if (params.some((p) => p.in === 'query')) statuses.add(400);
      if (params.some((p) => p.in === 'path')) [400, 404].forEach((s) => statuses.add(s));
      for (const status of statuses) op.responses[String(status)] ??= problemResponse(status);
    }
  }
  return doc;
}

// A server-sent event stream's 200: text/event-stream whose schema is one event's data. Its named
// schemas join the components as a JSON answer's do (zod names them under $defs).
function documentEventStream(doc: OpenAPIObject, op: { responses: Record<string, unknown> }, converted: ConvertedSchema): void {
  const toComponents = <T>(v: T): T => JSON.parse(JSON.stringify(v).replaceAll('"#/$defs/', '"#/components/schemas/'));
  doc.components = { ...doc.components, schemas: { ...toComponents(converted.components as Record<string, object>), ...doc.components?.schemas } };
  op.responses['200'] = { description: 'A text/event-stream; each event\'s data is one of these, as JSON', content: { 'text/event-stream': { schema: toComponents(converted.schema) } } };
}
