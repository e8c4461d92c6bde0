import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { type Platform } from './platform';
import { sharedPlatform } from './shared-platform';
import { grantToken, type TestUser } from './principals';

// Runs once, not per queue backend: nothing here is queued (the document and the answers of the
// HTTP API) (scripts/test.sh).

jest.setTimeout(180_000);

type Json = any;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const PUBLIC = ['GET /.well-known/faro/keys', 'GET /health', 'GET /health/live', 'GET /health/ready', 'POST /api/v1/auth/login', 'POST /api/v1/sensors/{sensorId}/incidents', 'GET /public/cap/alerts.atom', 'GET /public/cap/alerts/{id}.xml'];
// Actions named by their path alone: they take no body.
const BODILESS = ['POST /api/v1/alerts/{id}/submit', 'POST /api/v1/alerts/{id}/release', 'POST /api/v1/alerts/{id}/cancel', 'POST /api/v1/auth/logout', 'POST /api/v1/auth/totp/enroll', 'POST /api/v1/users/{id}/totp'];
const PROBLEM_REF = '#/components/schemas/Problem';

// An independent validator of OpenAPI 3.0 and 3.1 documents, run as its own CLI (it is an ES module).
function validateOpenApi(doc: Json): { valid: boolean; errors?: unknown } {
  const dir = mkdtempSync(join(tmpdir(), 'faro-openapi-'));
  try {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc));
    const cli = resolve(__dirname, '..', 'node_modules', '@seriousme', 'openapi-schema-validator', 'bin', 'validate-api-cli.js');
    const r = spawnSync(process.execPath, [cli, file], { encoding: 'utf8' });
    return JSON.parse(r.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function operations(doc: Json): Array<{ key: string; method: string; op: Json }> {
  return Object.entries(doc.paths as Record<string, Json>).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => ({ key: `${m.toUpperCase()} ${path}`, method: m, op: item[m] })),
  );
}

// The document's components inlined (Faro's schemas are not recursive), for a JSON Schema validator.
function inline(schema: Json, doc: Json): Json {
  if (Array.isArray(schema)) return schema.map((s) => inline(s, doc));
  if (!schema || typeof schema !== 'object') return schema;
  if (typeof schema.$ref === 'string' && schema.$ref.startsWith('#/components/schemas/')) {
    return inline(doc.components.schemas[schema.$ref.slice('#/components/schemas/'.length)], doc);
  }
  return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, inline(v, doc)]));
}

// Issue 8, point 10: the OpenAPI document is valid 3.1, generated from the schemas that validate
// requests, with security schemes, problem responses, and response schemas that match the answers.
describe('the OpenAPI document', () => {
  let platform: Platform;
  let operator: TestUser;
  let doc: Json;

  beforeAll(async () => {
    platform = await sharedPlatform();
    operator = await grantToken(platform.databaseUrl, ['operator']);
    doc = await (await fetch(`${platform.baseUrl}/api/docs/openapi.json`)).json();
  });

  afterAll(async () => {
    await platform?.stop();
  });

  it('is a valid OpenAPI 3.1 document by an independent validator', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(validateOpenApi(doc)).toEqual({ valid: true });
  });

  it('declares the bearer token, the session cookie and the CSRF header', () => {
    expect(doc.components.securitySchemes).toMatchObject({
      bearer: { type: 'http', scheme: 'bearer' },
      session: { type: 'apiKey', in: 'cookie', name: 'faro_session' },
      csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
    });
  });

  it('gives every operation a success response schema and every body-taking operation a request schema', () => {
    const ops = operations(doc);
    expect(ops.length).toBeGreaterThanOrEqual(45);
    const missing: string[] = [];
    for (const { key, method, op } of ops) {
      const success = Object.entries(op.responses as Record<string, Json>).filter(([s]) => s.startsWith('2'));
      if (!success.length) missing.push(`${key}: no success response`);
      for (const [status, r] of success) {
        if (status !== '204' && !['application/json', 'text/event-stream', 'application/atom+xml', 'application/cap+xml', 'text/plain'].some((type) => r.content?.[type]?.schema)) missing.push(`${key}: ${status} without a schema`);
      }
      if (['post', 'put', 'patch'].includes(method) && !BODILESS.includes(key)) {
        const content = op.requestBody?.content ?? {};
        if (!Object.keys(content).length) missing.push(`${key}: no request body`);
        for (const [type, c] of Object.entries(content as Record<string, Json>)) if (!c.schema) missing.push(`${key}: ${type} body without a schema`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('documents query parameters from the strict schemas that check them', () => {
    const names = (key: string) => operations(doc).find((o) => o.key === key)!.op.parameters.filter((p: Json) => p.in === 'query').map((p: Json) => p.name);
    expect(names('GET /api/v1/alerts')).toEqual(['state', 'hazard', 'status', 'severity', 'urgency', 'certainty', 'msgType', 'from', 'to', 'territory', 'jurisdiction', 'limit', 'offset']);
    expect(names('GET /api/v1/reports/statistics')).toEqual(['from', 'to', 'territory']);
    expect(names('GET /api/v1/cells')).toEqual(['bbox', 'limit']);
    expect(names('GET /api/v1/audit')).toEqual(['subjectId', 'subjectType', 'actor', 'action', 'refused', 'from', 'to', 'order', 'after', 'limit']);
  });

  it('asks for a credential on every route but the public ones, and the CSRF token on a session’s writes', () => {
    for (const { key, method, op } of operations(doc)) {
      if (PUBLIC.includes(key)) {
        expect([key, op.security]).toEqual([key, []]);
        continue;
      }
      const session = ['post', 'put', 'patch', 'delete'].includes(method) ? { session: [], csrf: [] } : { session: [] };
      expect([key, op.security]).toEqual([key, [{ bearer: [] }, session]]);
    }
  });

  it('answers every error as a Problem, 401 and 403 on every protected route', () => {
    expect(doc.components.schemas.Problem.properties).toHaveProperty('code');
    for (const { key, op } of operations(doc)) {
      const errors = Object.entries(op.responses as Record<string, Json>).filter(([s]) => Number(s) >= 400);
      expect([key, errors.map(([s]) => s)]).toEqual([key, expect.arrayContaining(PUBLIC.includes(key) ? ['500'] : ['401', '403', '500'])]);
      for (const [status, r] of errors) expect([key, status, r.content?.['application/problem+json']?.schema]).toEqual([key, status, { $ref: PROBLEM_REF }]);
    }
  });

  it('marks Idempotency-Key optional', () => {
    const header = doc.paths['/api/v1/incidents'].post.parameters.find((p: Json) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key');
    expect(header.required).toBe(false);
    expect(Object.keys(doc.paths['/api/v1/incidents'].post.requestBody.content)).toEqual(expect.arrayContaining(['application/json', 'application/cap+xml']));
  });

  it('describes what the routes answer, field for field', async () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
    const call = async (method: string, path: string, body?: unknown) => {
      const r = await fetch(`${platform.baseUrl}${path}`, { method, headers: { ...operator.headers, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
      return { status: r.status, type: r.headers.get('content-type') ?? '', body: await r.json() };
    };
    const check = (docPath: string, method: string, r: { status: number; type: string; body: unknown }) => {
      const media = r.status >= 400 ? 'application/problem+json' : 'application/json';
      expect(r.type).toContain(media);
      const schema = doc.paths[docPath][method].responses[String(r.status)]?.content?.[media]?.schema;
      expect([docPath, r.status, schema === undefined]).toEqual([docPath, r.status, false]);
      const validate = ajv.compile(inline(schema, doc));
      validate(r.body);
      expect([docPath, r.status, validate.errors ?? []]).toEqual([docPath, r.status, []]);
    };
    const created = await call('POST', '/api/v1/incidents', {
      hazard: 'flood',
      areas: [{ type: 'geocode', scheme: 'ISTAT_MUNICIPALITY', code: '087015' }],
      severity: 'Severe',
      urgency: 'Expected',
      certainty: 'Likely',
      status: 'Exercise',
      languages: [{ language: 'it-IT', text: 'Esercitazione: rischio alluvione a Catania.' }],
      expires: new Date(Date.now() + 3600_000).toISOString(),
    });
    check('/api/v1/incidents', 'post', created);
    const id = (created.body as Json).alertId;
    check('/api/v1/incidents/{id}', 'get', await call('GET', `/api/v1/incidents/${(created.body as Json).id}`));
    check('/api/v1/alerts/{id}', 'get', await call('GET', `/api/v1/alerts/${id}`));
    check('/api/v1/alerts', 'get', await call('GET', '/api/v1/alerts?limit=3'));
    check('/api/v1/alerts/{id}/preview', 'get', await call('GET', `/api/v1/alerts/${id}/preview`));
    check('/api/v1/alerts/{id}', 'patch', await call('PATCH', `/api/v1/alerts/${id}`, { severity: 'Extreme' }));
    check('/api/v1/alerts/{id}/submit', 'post', await call('POST', `/api/v1/alerts/${id}/submit`));
    check('/api/v1/alerts/{id}/broadcasts', 'get', await call('GET', `/api/v1/alerts/${id}/broadcasts`));
    check('/api/v1/cells', 'get', await call('GET', '/api/v1/cells?bbox=15.05,37.48,15.10,37.52&limit=5'));
    check('/api/v1/auth/me', 'get', await call('GET', '/api/v1/auth/me'));
    check('/api/v1/tokens', 'get', await call('GET', '/api/v1/tokens'));
    check('/.well-known/faro/keys', 'get', await call('GET', '/.well-known/faro/keys'));
    check('/health', 'get', await call('GET', '/health'));
    check('/api/v1/alerts/{id}', 'get', await call('GET', '/api/v1/alerts/00000000-0000-4000-8000-000000000000'));
    check('/api/v1/alerts', 'get', await call('GET', '/api/v1/alerts?colour=red'));
  });
});
