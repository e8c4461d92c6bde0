import { z } from 'zod';
import { HttpEdgeError } from './http-error';
import { parseQuery } from './parse-query';

const query = z.object({ limit: z.coerce.number().int().min(1).max(10).default(5) }).strict();

function refusal(q: Record<string, string>): HttpEdgeError {
  try {
    parseQuery(query, q);
  } catch (e) {
    return e as HttpEdgeError;
  }
  throw new Error('not refused');
}

describe('a query string checked against its schema', () => {
  it('is coerced and defaulted', () => {
    expect(parseQuery(query, { limit: '3' })).toEqual({ limit: 3 });
    expect(parseQuery(query, {})).toEqual({ limit: 5 });
  });

  it('refuses a parameter the route does not know, by name', () => {
    const e = refusal({ limt: '3' });
    expect(e).toMatchObject({ code: 'http/invalid-query', pointer: '/limt' });
    expect(e.message).toBe('limt: not a query parameter of this route');
  });

  it('names the parameter whose value is wrong', () => {
    expect(refusal({ limit: '99' })).toMatchObject({ code: 'http/invalid-query', pointer: '/limit' });
  });

  // Found by the HTTP fuzz: GET /api/v1/audit?subjectId=a%00b reached PostgreSQL and answered 500.
  it('refuses a value holding U+0000, naming its parameter', () => {
    expect(refusal({ limit: '1\u0000' })).toMatchObject({ code: 'http/invalid-query', pointer: '/limit', message: 'limit: U+0000 is not accepted in a query' });
  });
});
