import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { z } from 'zod';
import { SESSION_COOKIE } from '../auth/session-cookie';
import { problemSchema } from '../http/problem.schema';
import { PUBLIC_EXTENSION } from '../auth/public.decorator';
import { REQUEST_CONTENT_EXTENSION } from './api-docs.decorators';
import { problemResponse } from './problem-responses';

const UNSAFE_METHODS = new Set(['post', 'put', 'patch', 'delete']);
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

// OpenAPI 3.1 takes JSON Schema 2020-12 as it is: what zod emits (z.toJSONSchema), so the schema
// that validates a request (or describes a view) is the one documented. Named schemas
// (.meta({ id })) become components.
export function zodToOpenApi(schema: unknown, { schemaType }: { schemaType: 'input' | 'output' }) {
  if (!(schema instanceof z.ZodType)) return undefined;
  const { $schema: _dialect, $defs, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: schemaType, unrepresentable: 'any' }) as Record<string, unknown>;
  return { schema: rest, components: ($defs as Record<string, unknown> | undefined) ?? {} };
}

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
