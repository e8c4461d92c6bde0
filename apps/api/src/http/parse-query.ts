import type { z } from 'zod';
import { findNulCharacter } from './find-nul-character';
import { HttpEdgeError } from './http-error';

// A query string checked against its (strict) schema: a parameter the route does not know is
// refused by name rather than silently ignored, so a typo in a filter never lists everything.
export function parseQuery<T extends z.ZodType>(schema: T, query: unknown): z.output<T> {
  const nul = findNulCharacter(query);
  if (nul) throw new HttpEdgeError('http/invalid-query', `${nul.slice(1)}: U+0000 is not accepted in a query`, nul);
  const parsed = schema.safeParse(query ?? {});
  if (parsed.success) return parsed.data;
  const i = parsed.error.issues[0];
  if (i.code === 'unrecognized_keys') {
    throw new HttpEdgeError('http/invalid-query', `${i.keys[0]}: not a query parameter of this route`, `/${i.keys[0]}`);
  }
  const field = String(i.path[0] ?? '');
  throw new HttpEdgeError('http/invalid-query', `${field}: ${i.message}`, `/${field}`);
}
