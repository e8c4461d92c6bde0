import fc from 'fast-check';
import { PROBLEM_TYPES, problemTypeUri } from '../apps/api/src/http/problem-types';
import { capDateTime } from '@faro/cap';
import { capAlert } from './fixtures/catania-earthquake';
import { type Platform } from './platform';
import { sharedPlatform } from './shared-platform';
import { grantToken, type TestUser } from './principals';

// Runs once, not per queue backend: what it tests is how the HTTP API answers bad input, before
// anything is queued (scripts/test.sh).

jest.setTimeout(300_000);

// Issue 9: a bounded fuzz of the whole HTTP API. Every route the served OpenAPI document lists is
// called with random and malformed bodies (JSON, XML, bytes), wrong media types, junk headers,
// path parameters that are not UUIDs and query strings with junk, with no credential, a garbage
// one, an operator's token and an admin's token. Nothing may answer 5xx, and every 4xx is an
// application/problem+json with a code of the problem table. Requests come from fast-check with a
// fixed seed (FARO_FUZZ_SEED overrides it), so a failure is reproduced by running the spec again;
// each failure is printed as the request that caused it.
const SEED = Number(process.env.FARO_FUZZ_SEED ?? 20261206);
const REQUESTS = 2500;
const CONCURRENCY = 6;
// Bounds the spec on a busy machine: requests not sent by then are not sent (at least MIN_SENT must be).
const TIME_BUDGET_MS = 100_000;
const MIN_SENT = 1000;
const REQUEST_TIMEOUT_MS = 20_000;

type Json = any;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

interface Operation {
  method: string;
  path: string;
  query: string[];
  bodyFields: string[];
}

interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

interface Outcome {
  status: number;
  contentType: string;
  body: string;
}

function operationsOf(doc: Json): Operation[] {
  return Object.entries(doc.paths as Record<string, Json>).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => {
      const op = item[m];
      const schema = op.requestBody?.content?.['application/json']?.schema ?? {};
      const resolved = schema.$ref ? doc.components.schemas[schema.$ref.split('/').pop()] : schema;
      return {
        method: m.toUpperCase(),
        path,
        query: (op.parameters ?? []).filter((p: Json) => p.in === 'query').map((p: Json) => p.name),
        bodyFields: Object.keys(resolved?.properties ?? {}),
      };
    }),
  );
}

// ---- what the requests are made of ----

const printable = (maxLength: number) => fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength });
const latin1 = (maxLength: number) => fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).filter((c) => c !== 0x7f).map((c) => String.fromCharCode(c)), maxLength });

const JUNK_SEGMENTS = [
  '', 'x', 'not-a-uuid', '00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', '12345678-1234-1234-1234-1234567890abc',
  '%00', '%ZZ', '%', '%2e%2e', '..', '.', '%2F', '😀', 'ñ', "1' OR '1'='1", '$where', 'null', 'undefined', '-1', '1e309', 'NaN',
  '__proto__', 'constructor', 'a'.repeat(300), '%E0%A4%A', '\u0000',
];

function pathSegment(realIds: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...realIds) },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 3, arbitrary: fc.constantFrom(...JUNK_SEGMENTS) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }).map(encodeURIComponent) },
  );
}

const queryValue = fc.oneof(
  fc.constantFrom('', 'draft', 'active', 'flood', 'Actual', '0', '-1', '1', '100', '101', '1e3', '99999999999999999999', 'NaN', 'true', '12,42,13,43', '1,2,3', '180,90,-180,-90', '2026-13-45', 'null', '[]', '%00', '%ZZ'),
  fc.uuid(),
  fc.string({ unit: 'binary', maxLength: 10 }).map(encodeURIComponent),
);

function queryString(known: string[]): fc.Arbitrary<string> {
  const name = fc.oneof(
    ...(known.length ? [{ weight: 4, arbitrary: fc.constantFrom(...known) }] : []),
    { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor[prototype]', 'a[b]', 'x', '', 'limit[]', 'state[0]') },
    { weight: 1, arbitrary: printable(6).map(encodeURIComponent) },
  );
  return fc.option(fc.array(fc.tuple(name, queryValue), { maxLength: 4 }), { nil: undefined, freq: 3 }).map((pairs) =>
    pairs === undefined ? '' : `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`,
  );
}

// A valid JSON incident, so that mutations of it reach past the schema into the use case.
const validIncident = () => ({
  hazard: 'flood',
  areas: [{ type: 'geocode', scheme: 'ISTAT_MUNICIPALITY', code: '087015' }],
  severity: 'Severe',
  urgency: 'Expected',
  certainty: 'Likely',
  status: 'Exercise',
  languages: [{ language: 'it-IT', text: 'Esercitazione: rischio alluvione a Catania.' }],
  expires: new Date(Date.now() + 3600_000).toISOString(),
});

const oddJson = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    null, '', 0, -0, 1e308, true, [], {}, 'x'.repeat(3000),
    { type: 'polygon', coordinates: [[0, 0], [0, 0], [0, 0], [0, 0]] },
    { type: 'polygon', coordinates: [[10, 40], [11, 41], [11, 40], [10, 41], [10, 40]] },
    { type: 'polygon', coordinates: [[-180, -90], [180, -90], [180, 90], [-180, 90], [-180, -90]] },
    { type: 'circle', center: [15, 37.5], radiusKm: 1000 },
    { type: 'circle', center: [0, 90], radiusKm: 999 },
    { type: 'circle', center: [179.9, 0], radiusKm: 500 },
    { type: 'geocode', scheme: 'ISTAT_REGION', code: '19' },
    [{ language: 'zz', text: 'x' }],
    [{ language: 'it', text: '\ud800' }],
    [{ language: 'abc', text: 'x' }],
    [{ language: 'it', text: '€'.repeat(700) }],
    '2026-01-01T00:00:00Z', '2999-12-31T23:59:59+14:00', '0000-01-01T00:00:00Z',
  ),
);

// An object with the fields the route's schema names (and a few it does not), each given odd values.
function fieldsObject(fields: string[]): fc.Arbitrary<Record<string, unknown>> {
  const names = [...fields, '__proto__', 'constructor', 'extra'];
  return fc.dictionary(fc.constantFrom(...names), oddJson, { maxKeys: 6 });
}

// A valid incident with some fields replaced or removed.
const mutatedIncident = fc
  .array(fc.tuple(fc.constantFrom('hazard', 'areas', 'severity', 'urgency', 'certainty', 'status', 'languages', 'expires', 'audience', 'msgType', 'references', 'location', 'identifier', 'sender', 'level1', 'description'), fc.option(oddJson, { nil: undefined })), { maxLength: 3 })
  .map((edits) => {
    const body: Record<string, unknown> = validIncident();
    for (const [field, value] of edits) {
      if (value === undefined) delete body[field];
      else body[field] = value;
    }
    return body;
  });

const MALFORMED_JSON = [
  '', '{', '}', '[', '{"a":', '{"a":1,}', "{'a':1}", 'nul', 'undefined', 'NaN', '01', '1e999', '"\\u12"', '"\\ud800"', '\ufeff{}',
  '{"__proto__":{"isAdmin":true}}', '{"constructor":{"prototype":{"x":1}}}', '[' .repeat(10_000) + ']'.repeat(10_000), '{"a":1}{"b":2}', '\u0000', '{"a":"\u0000"}',
];

function xmlBody(): fc.Arbitrary<string> {
  const now = new Date();
  const valid = capAlert({ identifier: 'FUZZ-1', sent: capDateTime(now), expires: capDateTime(new Date(now.getTime() + 3600_000)) });
  const edit = fc.record({ at: fc.nat(), length: fc.nat({ max: 60 }), insert: fc.oneof(fc.constantFrom('', '<', '&', '&xxe;', ']]>', '<!DOCTYPE x>', '<polygon>', '</area>', '1,2 3,4', '-91', 'NaN', '\u0000'), fc.string({ unit: 'binary', maxLength: 10 })) });
  return fc.oneof(
    fc.constant(valid),
    fc.array(edit, { minLength: 1, maxLength: 3 }).map((edits) =>
      edits.reduce((doc, { at, length, insert }) => {
        const from = at % (doc.length + 1);
        return doc.slice(0, from) + insert + doc.slice(from + length);
      }, valid),
    ),
    fc.constantFrom(
      '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b "c">]><a>&b;</a>',
      '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.1"/>',
      '<?xml version="1.0" encoding="utf-16"?><alert/>',
      '<a:alert xmlns:a="urn:oasis:names:tc:emergency:cap:1.2"><a:identifier>x</a:identifier></a:alert>',
    ),
    fc.string({ unit: 'binary', maxLength: 200 }),
  );
}

const CONTENT_TYPES = [
  'application/json', 'application/json; charset=utf-8', 'application/json; charset=latin1', 'APPLICATION/JSON', 'application/json;;',
  'application/cap+xml', 'application/xml', 'text/xml; charset=iso-8859-1', 'text/plain', 'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x', 'application/octet-stream', '*/*', 'application/', ';', 'x', 'application/json, text/xml',
  'application/json; charset="', 'application/merge-patch+json',
];

function bodyAndType(op: Operation): fc.Arbitrary<{ body?: string | Uint8Array; contentType?: string }> {
  const json = fc.oneof(
    fieldsObject(op.bodyFields).map((b) => JSON.stringify(b)),
    ...(op.path === '/api/v1/incidents' || op.path.endsWith('/update') ? [mutatedIncident.map((b) => JSON.stringify(b))] : []),
    oddJson.map((b) => JSON.stringify(b)),
    fc.constantFrom(...MALFORMED_JSON),
  );
  const contentType = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...CONTENT_TYPES) }, { weight: 1, arbitrary: printable(30) });
  return fc.oneof(
    { weight: 6, arbitrary: fc.record({ body: json, contentType: fc.oneof({ weight: 5, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: contentType }) }) },
    { weight: 2, arbitrary: fc.record({ body: xmlBody(), contentType: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('application/cap+xml', 'text/xml', 'application/xml') }, { weight: 1, arbitrary: contentType }) }) },
    { weight: 1, arbitrary: fc.record({ body: fc.uint8Array({ maxLength: 300 }), contentType }) },
    { weight: 1, arbitrary: fc.record({ contentType: fc.option(contentType, { nil: undefined }) }) },
  );
}

function randomHeaders(tokens: { operator: string; admin: string }): fc.Arbitrary<Record<string, string>> {
  const authorization = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(`Bearer ${tokens.operator}`, `Bearer ${tokens.admin}`) },
    { weight: 2, arbitrary: fc.constant(undefined) },
    {
      weight: 2,
      arbitrary: fc.oneof(
        fc.constantFrom('Bearer', 'Bearer ', 'Bearer  x', 'Basic dXNlcjpwYXNz', `bearer ${tokens.operator}`, `Bearer ${tokens.operator}x`, `Bearer ${tokens.admin.slice(1)}`, 'Bearer ' + 'A'.repeat(8000), 'Digest x', `Bearer ${tokens.operator}, Bearer ${tokens.admin}`),
        latin1(60).map((s) => `Bearer ${s}`),
        latin1(40),
      ),
    },
  );
  const optional = (a: fc.Arbitrary<string>) => fc.option(a, { nil: undefined, freq: 3 });
  return fc
    .record({
      authorization,
      cookie: optional(fc.oneof(fc.constantFrom('faro_session=', 'faro_session=abc', 'faro_session=' + 'x'.repeat(4000), 'faro_session=a; faro_session=b', '=;=;', 'faro_session'), latin1(40))),
      'x-csrf-token': optional(fc.oneof(fc.constant(''), printable(40))),
      'idempotency-key': optional(fc.oneof(printable(20), fc.constant('k'.repeat(201)), fc.constant('k'.repeat(5000)))),
      accept: optional(fc.constantFrom('application/xml', 'text/html', '*/*', 'application/problem+json', 'nonsense')),
      'x-faro-signature': optional(fc.oneof(fc.constantFrom('sha256=', 'v1=00', 't=1,v1=00'), printable(80))),
      'x-faro-timestamp': optional(fc.constantFrom('0', '-1', '99999999999999', 'now', String(Math.floor(Date.now() / 1000)))),
      'x-forwarded-for': optional(fc.constantFrom('1.2.3.4', '::1', 'junk')),
      'x-junk': optional(latin1(200)),
    })
    .map((h) => Object.fromEntries(Object.entries(h).filter((e): e is [string, string] => e[1] !== undefined)));
}

function requestFor(ops: Operation[], realIds: string[], tokens: { operator: string; admin: string }): fc.Arbitrary<FuzzRequest> {
  const known = fc.constantFrom(...ops).chain((op) =>
    fc
      .record({
        method: fc.oneof({ weight: 12, arbitrary: fc.constant(op.method) }, { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD') }),
        segments: fc.array(pathSegment(realIds), { minLength: 2, maxLength: 2 }),
        query: queryString(op.query),
        headers: randomHeaders(tokens),
        payload: bodyAndType(op),
      })
      .map(({ method, segments, query, headers, payload }) => {
        let i = 0;
        const path = op.path.replace(/\{[^}]+\}/g, () => segments[i++]) + query;
        const withType = payload.contentType === undefined ? headers : { ...headers, 'content-type': payload.contentType };
        const body = method === 'GET' || method === 'HEAD' ? undefined : payload.body;
        return { method, path, headers: withType, body };
      }),
  );
  const unknown = fc
    .record({
      method: fc.constantFrom('GET', 'POST', 'DELETE'),
      path: fc.oneof(fc.constantFrom('/', '//', '/api', '/api/v1', '/api/v1/', '/api/v1/nothing', '/api/v1/alerts/', '/api/v1/alerts//submit', '/api/v1/../health', '/api/v1/alerts/%2e%2e/x', '/health/', '/.well-known/faro/', '/api/docs', '/api/docs/x'), printable(30).map((s) => `/${encodeURI(s)}`)),
      headers: randomHeaders(tokens),
    })
    .map((r) => ({ ...r, body: undefined }));
  // Well-formed requests with a valid token and a JSON body near the route's schema, to a row that
  // exists: these get past authentication and parsing into the use cases.
  const deep = fc.constantFrom(...ops.filter((op) => op.method !== 'GET')).chain((op) =>
    fc
      .record({
        token: fc.constantFrom(tokens.operator, tokens.admin),
        id: fc.constantFrom(...realIds),
        body: op.path === '/api/v1/incidents' || op.path.endsWith('/update') ? mutatedIncident : fieldsObject(op.bodyFields),
        key: fc.option(printable(20), { nil: undefined }),
      })
      .map(({ token, id, body, key }) => ({
        method: op.method,
        path: op.path.replace(/\{[^}]+\}/g, id),
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
        body: JSON.stringify(body),
      })),
  );
  return fc.oneof({ weight: 10, arbitrary: known }, { weight: 5, arbitrary: deep }, { weight: 1, arbitrary: unknown });
}

// ---- sending and judging ----

async function send(baseUrl: string, r: FuzzRequest): Promise<Outcome> {
  const res = await fetch(`${baseUrl}${r.path}`, { method: r.method, headers: r.headers, body: r.body, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  // An event stream that opened (GET /api/v1/events) is a kept contract; it never ends by itself.
  if (res.ok && res.headers.get('content-type')?.startsWith('text/event-stream')) {
    await res.body?.cancel();
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: '' };
  }
  const body = await res.text();
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', body };
}

// Why the answer breaks the contract, or undefined when it keeps it.
function fault(r: FuzzRequest, o: Outcome): string | undefined {
  if (o.status >= 500) return `answered ${o.status}`;
  if (o.status < 400) return undefined;
  if (!o.contentType.startsWith('application/problem+json')) return `a ${o.status} as ${o.contentType || 'no content type'}, not application/problem+json`;
  if (r.method === 'HEAD') return undefined;
  let problem: Json;
  try {
    problem = JSON.parse(o.body);
  } catch {
    return `a ${o.status} whose problem+json body is not JSON`;
  }
  if (typeof problem.code !== 'string' || !(problem.code in PROBLEM_TYPES)) return `a ${o.status} whose code ${JSON.stringify(problem.code)} is not in the problem table`;
  if (problem.status !== o.status) return `a ${o.status} whose problem says status ${problem.status}`;
  if (problem.type !== problemTypeUri(problem.code)) return `a ${o.status} whose type ${problem.type} does not match its code`;
  return undefined;
}

function describeRequest(r: FuzzRequest): string {
  const body = r.body === undefined ? '' : typeof r.body === 'string' ? r.body : `<${r.body.length} bytes: ${Buffer.from(r.body).toString('hex').slice(0, 200)}>`;
  const headers = Object.entries(r.headers).map(([k, v]) => `${k}: ${v.length > 120 ? `${v.slice(0, 120)}…(${v.length})` : v}`);
  return [`${r.method} ${r.path.length > 300 ? `${r.path.slice(0, 300)}…` : r.path}`, ...headers, '', body.length > 600 ? `${body.slice(0, 600)}…(${body.length})` : body].join('\n');
}

describe('a bounded fuzz of the HTTP API', () => {
  let platform: Platform;
  let operator: TestUser;
  let admin: TestUser;
  let ops: Operation[];
  const realIds: string[] = [];

  beforeAll(async () => {
    platform = await sharedPlatform();
    operator = await grantToken(platform.databaseUrl, ['operator']);
    admin = await grantToken(platform.databaseUrl, ['admin']);
    ops = operationsOf(await (await fetch(`${platform.baseUrl}/api/docs/openapi.json`)).json());
    // Ids of rows that exist, so that some requests reach past the lookup into the use cases.
    const created = await fetch(`${platform.baseUrl}/api/v1/incidents`, { method: 'POST', headers: { ...operator.headers, 'content-type': 'application/json' }, body: JSON.stringify(validIncident()) });
    const incident = (await created.json()) as Json;
    // A user and token of their own, so that an admin's random PATCH or DELETE never disables the
    // fuzz's own credentials halfway through.
    const victim = await grantToken(platform.databaseUrl, ['operator']);
    realIds.push(incident.id, incident.alertId, victim.id, victim.tokenId);
  });

  afterAll(async () => {
    await platform?.stop();
  });

  it('reads every route from the served OpenAPI document', () => {
    expect(ops.length).toBeGreaterThanOrEqual(45);
    expect(realIds.every((id) => /^[0-9a-f-]{36}$/.test(id))).toBe(true);
  });

  // Found by probing what the fuzz hinted at: PostgreSQL text and jsonb cannot hold U+0000, and each
  // of these reached the database and answered 500 (the login even before authentication).
  it.each<[string, string, string, 'operator' | 'admin' | 'none', () => unknown]>([
    ['an incident description', 'POST', '/api/v1/incidents', 'operator', () => ({ ...validIncident(), description: 'a\u0000b' })],
    ['an incident identifier', 'POST', '/api/v1/incidents', 'operator', () => ({ ...validIncident(), identifier: 'id\u0000' })],
    ['a login email', 'POST', '/api/v1/auth/login', 'none', () => ({ email: 'a\u0000@faro.test', password: 'x' })],
    ['a user display name', 'POST', '/api/v1/users', 'admin', () => ({ email: 'nul@faro.test', displayName: 'd\u0000', roles: ['operator'], jurisdictionId: 'IT' })],
    ['a group name', 'POST', '/api/v1/groups', 'admin', () => ({ id: 'nul-group', name: 'g\u0000' })],
    ['an audit filter', 'GET', '/api/v1/audit?subjectId=a%00b', 'admin', () => undefined],
  ])('refuses U+0000 in %s with a 400 problem naming where', async (_what, method, path, who, body) => {
    const headers: Record<string, string> = who === 'none' ? {} : (who === 'admin' ? admin : operator).headers;
    const b = body();
    const r = await fetch(`${platform.baseUrl}${path}`, { method, headers: { ...headers, ...(b ? { 'content-type': 'application/json' } : {}) }, body: b ? JSON.stringify(b) : undefined });
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await r.json()).toMatchObject({ status: 400, code: expect.stringMatching(/^http\/(bad-request|invalid-query)$/), detail: expect.stringContaining('U+0000') });
  });

  it('answers a few thousand random and malformed requests with no 5xx, and every 4xx as a problem with a Faro code', async () => {
    const requests = fc.sample(requestFor(ops, realIds, { operator: operator.token, admin: admin.token }), { seed: SEED, numRuns: REQUESTS });
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    const until = Date.now() + TIME_BUDGET_MS;
    let next = 0;
    let sent = 0;
    const worker = async () => {
      while (next < requests.length && Date.now() < until) {
        const index = next++;
        const r = requests[index];
        let why: string | undefined;
        let outcome: Outcome | undefined;
        try {
          outcome = await send(platform.baseUrl, r);
          statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1);
          why = fault(r, outcome);
        } catch (e) {
          why = `no answer: ${(e as Error).message}`;
        }
        sent++;
        if (why) failures.push(`#${index} (seed ${SEED}) ${why}\n${describeRequest(r)}\n--> ${outcome ? `${outcome.status} ${outcome.contentType}\n${outcome.body.slice(0, 800)}` : '(none)'}`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    console.log(`http fuzz: ${sent} of ${requests.length} requests sent, seed ${SEED}; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`);
    // One example of each kind of fault (status and Faro or Fastify code), with how often it happened.
    const kinds = new Map<string, { count: number; example: string }>();
    for (const f of failures) {
      const kind = `${/\) ([^\n]*)/.exec(f)?.[1]} ${/"code":"([^"]+)"/.exec(f)?.[1] ?? ''}`;
      const k = kinds.get(kind) ?? { count: 0, example: f };
      k.count++;
      kinds.set(kind, k);
    }
    const report = [...kinds].map(([kind, { count, example }]) => `${count} × ${kind}; e.g.\n${example}`);
    if (failures.length) console.log(`http fuzz: ${failures.length} failing requests of ${kinds.size} kinds:\n\n${report.join('\n\n')}`);
    expect(report).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(MIN_SENT);
    // The platform is still up and well afterwards.
    expect((await fetch(`${platform.baseUrl}/health`)).status).toBe(200);
  });
});
