import type { DataSource } from 'typeorm';
import { generateGatewayKeyPair, SealReuse, type KeyEncryptionPort, type SealedBroadcast, type WrappedSecret } from '@faro/broadcast-security';
import type { GatewaySealer } from '@faro/alerts';
import { GatewayKeyError, gatewayKeyContext } from '@faro/keys';
import { inTransaction } from './in-transaction';

// The KEK context of a simulated gateway's private key as its row names it (libs/keys wrap-contexts.ts).
const contextOfRow = (row: { gateway_id: string; key_id: string; legacy_context?: boolean }) =>
  gatewayKeyContext({ gatewayId: row.gateway_id, kid: row.key_id, legacyContext: row.legacy_context });

// Faro knows each gateway by its HPKE public keys only, and seals to the active one. The key is
// read for every batch, so a rotation applies at its commit; the seal itself is made once per key
// and broadcast (SealReuse), not once per batch.
export class SqlGatewaySealer implements GatewaySealer {
  constructor(
    private readonly ds: DataSource,
    private readonly reuse = new SealReuse(),
  ) {}

  async seal(gatewayId: string, plaintext: Uint8Array, aad: Uint8Array): Promise<SealedBroadcast> {
    const [row] = await this.ds.query(`SELECT key_id, public_key FROM gateway_keys WHERE gateway_id = $1 AND status = 'active'`, [gatewayId]);
    if (!row) throw new GatewayKeyError('gateway/not-found', `No gateway ${gatewayId} with an active key`);
    return this.reuse.sealFor({ kid: row.key_id, publicKey: new Uint8Array(row.public_key) }, plaintext, aad);
  }
}

export interface GatewayKeySummary {
  id: string;
  kind: 'satellite' | 'terrestrial';
  activeKid: string | null;
  previousKid: string | null;
  activeSince: Date | null;
}

// Every gateway with the keys it opens: public metadata only.
export async function listGatewayKeys(ds: DataSource): Promise<GatewayKeySummary[]> {
  const rows = await ds.query(
    `SELECT g.id, g.kind, a.key_id AS active_kid, a.created_at AS active_since, p.key_id AS previous_kid
       FROM gateways g
       LEFT JOIN gateway_keys a ON a.gateway_id = g.id AND a.status = 'active'
       LEFT JOIN gateway_keys p ON p.gateway_id = g.id AND p.status = 'previous'
      ORDER BY g.id`,
  );
  return rows.map((r: any) => ({
    id: r.id,
    kind: r.kind,
    activeKid: r.active_kid ?? null,
    previousKid: r.previous_kid ?? null,
    activeSince: r.active_since ? new Date(r.active_since) : null,
  }));
}

// The simulator's side: the private keys a real gateway keeps in its HSM. A key resolves while
// it is active or previous; a retired key never does (its private half is deleted at retirement,
// and the status is checked as well). Read on every submission, so a rotation made by another
// process (the API, the CLI) is seen at once.
export class SqlSimulatorGatewayKeys {
  constructor(
    private readonly ds: DataSource,
    private readonly kek: KeyEncryptionPort,
  ) {}

  async privateKeyFor(gatewayId: string, kid: string): Promise<Uint8Array | undefined> {
    const [row] = await this.ds.query(
      `SELECT s.gateway_id, s.key_id, s.legacy_context, s.private_key_wrapped
         FROM simulator_gateway_keys s JOIN gateway_keys k USING (gateway_id, key_id)
        WHERE s.gateway_id = $1 AND s.key_id = $2 AND k.status IN ('active', 'previous')`,
      [gatewayId, kid],
    );
    if (!row) return undefined;
    return this.kek.unwrap(row.private_key_wrapped as WrappedSecret, contextOfRow(row));
  }
}

// Registers every gateway the inventory routes to, with an active key pair on first start. The
// active private key is unwrapped once, so a worker with the wrong KEK stops at start.
export async function ensureSimulatedGateways(ds: DataSource, kek: KeyEncryptionPort): Promise<Array<{ id: string; kind: 'satellite' | 'terrestrial' }>> {
  const routes: Array<{ gateway_id: string; kind: 'satellite' | 'terrestrial' }> = await ds.query(`SELECT DISTINCT gateway_id, kind FROM cells ORDER BY gateway_id`);
  const keys = new SqlSimulatorGatewayKeys(ds, kek);
  for (const r of routes) {
    let [active] = await ds.query(`SELECT key_id FROM gateway_keys WHERE gateway_id = $1 AND status = 'active'`, [r.gateway_id]);
    if (!active) {
      const pair = await generateGatewayKeyPair();
      const wrapped = await kek.wrap(pair.privateKey, gatewayKeyContext({ gatewayId: r.gateway_id, kid: pair.kid }));
      pair.privateKey.fill(0);
      // Another worker may be starting too: the gateway row is the lock, and the one that finds no
      // active key under it makes the key.
      await inTransaction(ds, async (q) => {
        await q.query(`INSERT INTO gateways (id, kind, profile) VALUES ($1, $2, '{}') ON CONFLICT (id) DO NOTHING`, [r.gateway_id, r.kind]);
        await q.query(`SELECT id FROM gateways WHERE id = $1 FOR UPDATE`, [r.gateway_id]);
        const [won] = await q.query(`SELECT 1 FROM gateway_keys WHERE gateway_id = $1 AND status = 'active'`, [r.gateway_id]);
        if (won) return;
        await q.query(`INSERT INTO gateway_keys (gateway_id, key_id, public_key, status) VALUES ($1, $2, $3, 'active')`, [r.gateway_id, pair.kid, Buffer.from(pair.publicKey)]);
        await q.query(`INSERT INTO simulator_gateway_keys (gateway_id, key_id, private_key_wrapped) VALUES ($1, $2, $3)`, [r.gateway_id, pair.kid, JSON.stringify(wrapped)]);
      });
      [active] = await ds.query(`SELECT key_id FROM gateway_keys WHERE gateway_id = $1 AND status = 'active'`, [r.gateway_id]);
    }
    const privateKey = await keys.privateKeyFor(r.gateway_id, active.key_id);
    if (!privateKey) throw new Error(`The simulator holds no private key for gateway ${r.gateway_id}'s active key ${active.key_id}`);
    privateKey.fill(0);
  }
  return routes.map((r) => ({ id: r.gateway_id, kind: r.kind }));
}
