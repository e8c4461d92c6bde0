import type { DataSource } from 'typeorm';
import type { KeyEncryptionPort } from '@faro/broadcast-security';
import { generateVapidKeyPair } from '@faro/push';
import { VAPID_KEY_CONTEXT } from '@faro/keys';
import { appendAudit } from './audit-log';
import { inTransaction } from './in-transaction';

export interface VapidKeys {
  publicKey: string;
  // Raw 32 octets, base64url, as web-push takes it; only in memory, when a notice is sent.
  privateKey: string;
}

// The platform's one VAPID key pair (RFC 8292): made the first time it is asked for, by whichever
// process asks first (the singleton row settles a race), its private half wrapped by the KEK.
// Browsers subscribe with its public half, so it is not rotated: a new key would void every
// subscription.
export class SqlVapidKeys {
  private cached: VapidKeys | null = null;

  constructor(
    private readonly ds: DataSource,
    private readonly kek: KeyEncryptionPort,
  ) {}

  async publicKey(): Promise<string> {
    return (await this.ensure()).public_key;
  }

  async keys(): Promise<VapidKeys> {
    if (this.cached) return this.cached;
    const row = await this.ensure();
    const privateKey = Buffer.from(await this.kek.unwrap(row.private_key_wrapped, VAPID_KEY_CONTEXT)).toString('base64url');
    this.cached = { publicKey: row.public_key, privateKey };
    return this.cached;
  }

  private async ensure(): Promise<{ public_key: string; private_key_wrapped: any }> {
    const [row] = await this.ds.query(`SELECT public_key, private_key_wrapped FROM push_vapid_keys WHERE id = 1`);
    if (row) return row;
    const pair = generateVapidKeyPair();
    const wrapped = await this.kek.wrap(pair.privateKey, VAPID_KEY_CONTEXT);
    pair.privateKey.fill(0);
    await inTransaction(this.ds, async (q) => {
      const made = await q.query(`INSERT INTO push_vapid_keys (id, public_key, private_key_wrapped) VALUES (1, $1, $2) ON CONFLICT (id) DO NOTHING RETURNING id`, [pair.publicKey, JSON.stringify(wrapped)]);
      if (made.length) await appendAudit(q, { actor: 'system:keys', action: 'key.vapid-created', subjectType: 'key', subjectId: 'vapid', details: { publicKey: pair.publicKey, kekId: this.kek.kekId } });
    });
    return this.ensure();
  }
}
