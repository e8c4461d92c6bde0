import type { z } from 'zod';
import { IdentityError } from '@faro/identity';

// A request body checked against its schema; the first problem names the field by JSON pointer.
export function parseBody<T extends z.ZodType>(schema: T, body: unknown, code: 'auth/invalid-user' | 'auth/invalid-request'): z.output<T> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : issue.path;
  const at = '/' + path.map(String).join('/');
  const message = issue.code === 'unrecognized_keys' ? `${at}: this field may not be set` : `${at}: ${issue.message}`;
  throw new IdentityError(code, message, at);
}
