import { createHash } from 'node:crypto';

export interface Validators {
  etag: string;
  lastModified: Date | null;
}

// A strong entity tag of exactly what is served: the body and its signature's key.
export function entityTag(body: string, keyId: string): string {
  return `"${createHash('sha256').update(keyId).update('\0').update(body).digest('base64url').slice(0, 32)}"`;
}

// HTTP-date (RFC 9110 §5.6.7) has whole seconds.
export function httpDate(at: Date): string {
  return new Date(Math.floor(at.getTime() / 1000) * 1000).toUTCString();
}

// RFC 9110 §13.2.2: If-None-Match decides when present (weak comparison for GET, §13.1.2);
// If-Modified-Since only without it, and only a valid date.
export function isNotModified(headers: { 'if-none-match'?: string; 'if-modified-since'?: string }, v: Validators): boolean {
  const inm = headers['if-none-match'];
  if (inm !== undefined) {
    if (inm.trim() === '*') return true;
    const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
    return inm.split(',').some((t) => opaque(t) === opaque(v.etag));
  }
  const ims = headers['if-modified-since'];
  if (ims === undefined || v.lastModified === null) return false;
  const since = Date.parse(ims);
  if (Number.isNaN(since)) return false;
  return Math.floor(v.lastModified.getTime() / 1000) * 1000 <= since;
}
