import type { DataSource } from 'typeorm';
import { generateSigningKey, keyIdHex, signEd25519, signingJwk, type KeyEncryptionPort } from '@faro/broadcast-security';
import type { SigningKey, SigningKeys } from '@faro/alerts';
import { signingKeyContext as context } from '@faro/keys';
import { auditCommitted } from './audit-bell';
import { appendAudit } from './audit-log';

// Ed25519 signing keys, stored wrapped by the key-encryption key and unwrapped only in
// memory when a broadcast is signed.
export class SqlSigningKeys implements SigningKeys {
  private cached: { keyId: number; privateKey: Uint8Array } | null = null;

  constructor(
    private readonly ds: DataSource,
    private readonly kek: KeyEncryptionPort,
  ) {}

  // Creates the first key when there is none; concurrent starts race on the unique
  // "one active key" index and the loser reads the winner's key.
  async ensureActive(): Promise<number> {
    const [row] = await this.ds.query(`SELECT key_id FROM signing_keys WHERE status = 'active'`);
    if (row) return Number(row.key_id);
    const k = generateSigningKey();
    const wrapped = await this.kek.wrap(k.privateKey, context(k.keyId));
    const q = this.ds.createQueryRunner();
    await q.connect();
    await q.startTransaction();
    try {
      await q.query(`INSERT INTO signing_keys (key_id, public_key, private_key_wrapped, status) VALUES ($1, $2, $3, 'active')`, [
        k.keyId,
        Buffer.from(k.publicKey),
        JSON.stringify(wrapped),
      ]);
      await appendAudit(q, { actor: 'system:keys', action: 'key.signing-created', subjectType: 'key', subjectId: keyIdHex(k.keyId), details: { kekId: this.kek.kekId } });
      await q.commitTransaction();
      auditCommitted(q);
      return k.keyId;
    } catch (e) {
      await q.rollbackTransaction();
      if ((e as { code?: string }).code === '23505') return this.ensureActive();
      throw e;
    } finally {
      await q.release();
    }
  }

  async active(): Promise<SigningKey> {
    const [row] = await this.ds.query(`SELECT key_id, private_key_wrapped FROM signing_keys WHERE status = 'active'`);
    if (!row) {
      await this.ensureActive();
      return this.active();
    }
    const keyId = Number(row.key_id);
    if (this.cached?.keyId !== keyId) {
      this.cached = { keyId, privateKey: await this.kek.unwrap(row.private_key_wrapped, context(keyId)) };
    }
    const privateKey = this.cached.privateKey;
    return { keyId, sign: (payload) => signEd25519(privateKey, payload) };
  }

  // The JWKS: the active key and the previous one until it retires.
  async publicJwks(): Promise<{ keys: ReturnType<typeof signingJwk>[] }> {
    const rows = await this.ds.query(`SELECT key_id, public_key FROM signing_keys WHERE status IN ('active', 'previous') ORDER BY created_at DESC`);
    return { keys: rows.map((r: any) => signingJwk(Number(r.key_id), new Uint8Array(r.public_key))) };
  }
}
