import type { DataSource } from 'typeorm';
import { generateGatewayKeyPair, sealForGateway, type KeyEncryptionPort, type SealedBroadcast } from '@faro/broadcast-security';
import type { GatewaySealer } from '@faro/alerts';

export interface GatewayRecord {
  id: string;
  kind: 'satellite' | 'terrestrial';
  publicKey: Uint8Array;
  profile: Record<string, unknown>;
}

// Faro knows each gateway by its HPKE public key only.
export class SqlGatewaySealer implements GatewaySealer {
  private readonly keys = new Map<string, Uint8Array>();

  constructor(private readonly ds: DataSource) {}

  async seal(gatewayId: string, plaintext: Uint8Array, aad: Uint8Array): Promise<SealedBroadcast> {
    let pk = this.keys.get(gatewayId);
    if (!pk) {
      const [row] = await this.ds.query(`SELECT public_key FROM gateways WHERE id = $1`, [gatewayId]);
      if (!row) throw new Error(`No gateway ${gatewayId}`);
      pk = new Uint8Array(row.public_key);
      this.keys.set(gatewayId, pk);
    }
    return sealForGateway(pk, plaintext, aad);
  }
}

// The simulator's side: it holds the private keys a real gateway keeps in its HSM.
// Registers every gateway the inventory routes to, creating key pairs on first start.
export async function ensureSimulatedGateways(
  ds: DataSource,
  kek: KeyEncryptionPort,
): Promise<Array<{ id: string; kind: 'satellite' | 'terrestrial'; privateKey: Uint8Array }>> {
  const routes = await ds.query(`SELECT DISTINCT gateway_id, kind FROM cells ORDER BY gateway_id`);
  const out: Array<{ id: string; kind: 'satellite' | 'terrestrial'; privateKey: Uint8Array }> = [];
  for (const r of routes) {
    const [have] = await ds.query(
      `SELECT k.private_key_wrapped FROM gateways g JOIN simulator_gateway_keys k ON k.gateway_id = g.id WHERE g.id = $1`,
      [r.gateway_id],
    );
    if (have) {
      out.push({ id: r.gateway_id, kind: r.kind, privateKey: await kek.unwrap(have.private_key_wrapped, `gateway-key:${r.gateway_id}`) });
      continue;
    }
    const pair = await generateGatewayKeyPair();
    const wrapped = await kek.wrap(pair.privateKey, `gateway-key:${r.gateway_id}`);
    await ds.transaction(async (m) => {
      await m.query(`INSERT INTO gateways (id, kind, public_key, profile) VALUES ($1, $2, $3, '{}') ON CONFLICT (id) DO NOTHING`, [
        r.gateway_id,
        r.kind,
        Buffer.from(pair.publicKey),
      ]);
      await m.query(`INSERT INTO simulator_gateway_keys (gateway_id, private_key_wrapped) VALUES ($1, $2) ON CONFLICT (gateway_id) DO NOTHING`, [
        r.gateway_id,
        JSON.stringify(wrapped),
      ]);
    });
    // Another worker may have won the race: read back what is stored.
    const [row] = await ds.query(`SELECT private_key_wrapped FROM simulator_gateway_keys WHERE gateway_id = $1`, [r.gateway_id]);
    out.push({ id: r.gateway_id, kind: r.kind, privateKey: await kek.unwrap(row.private_key_wrapped, `gateway-key:${r.gateway_id}`) });
  }
  return out;
}
