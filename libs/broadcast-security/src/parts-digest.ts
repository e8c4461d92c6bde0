import { createHash } from 'node:crypto';

/**
 * SHA-256 over parts, each length-prefixed (4 octets, big-endian), base64url: no two different
 * lists of parts hash alike by moving bytes from one part to the next. A key for what was sealed
 * or opened, not a MAC.
 */
export function partsDigest(parts: ReadonlyArray<string | Uint8Array>): string {
  const hash = createHash('sha256');
  for (const part of parts) {
    const bytes = typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    hash.update(length).update(bytes);
  }
  return hash.digest('base64url');
}
