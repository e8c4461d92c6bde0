import type { SigningKeyRecords } from '@faro/audit';
import type { WrappedSecret } from '@faro/broadcast-security';
import type { Queryable } from './audit-log';

/** signing_keys as the audit's checkpoint key lookup reads it: any status, retired included. */
export class SqlSigningKeyRecords implements SigningKeyRecords {
  constructor(private readonly q: Queryable) {}

  async signingKey(keyId: number): Promise<{ publicKey: Uint8Array; privateKeyWrapped: WrappedSecret } | null> {
    const [row] = await this.q.query(`SELECT public_key, private_key_wrapped FROM signing_keys WHERE key_id = $1`, [keyId]);
    return row ? { publicKey: new Uint8Array(row.public_key), privateKeyWrapped: row.private_key_wrapped as WrappedSecret } : null;
  }
}
