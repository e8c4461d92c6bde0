import { MigrationInterface, QueryRunner } from 'typeorm';

// Gateway sealing keys rotate: each gateway holds an active key, the previous one (still opened,
// so a broadcast sealed just before a rotation goes out) and retired ones (public half kept for
// the record, private half destroyed). A key id is the first 8 bytes of SHA-256 over the raw
// public key, in hex (gatewayKeyId in libs/broadcast-security): the same id this migration gives
// each existing key, so a database migrated before keeps its keys and works on.
export class GatewayKeyRotation1764600000000 implements MigrationInterface {
  name = 'GatewayKeyRotation1764600000000';

  async up(q: QueryRunner): Promise<void> {
    // Key ids are unique across gateways (they name distinct random keys), so one id finds one row.
    await q.query(`
      CREATE TABLE gateway_keys (
        gateway_id text NOT NULL REFERENCES gateways(id),
        key_id text NOT NULL UNIQUE CHECK (key_id ~ '^[0-9a-f]{16}$'),
        public_key bytea NOT NULL CHECK (octet_length(public_key) = 32),
        status text NOT NULL CHECK (status IN ('active','previous','retired')),
        created_at timestamptz NOT NULL DEFAULT now(),
        retired_at timestamptz,
        PRIMARY KEY (gateway_id, key_id),
        CONSTRAINT gateway_keys_retired_at CHECK ((status = 'retired') = (retired_at IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX gateway_keys_one_active ON gateway_keys (gateway_id) WHERE status = 'active'`);
    await q.query(`CREATE UNIQUE INDEX gateway_keys_one_previous ON gateway_keys (gateway_id) WHERE status = 'previous'`);
    // The gateway's existing key is its active key, as old as the gateway: the schedule sees its real age.
    await q.query(`
      INSERT INTO gateway_keys (gateway_id, key_id, public_key, status, created_at)
      SELECT id, encode(substring(sha256(public_key) from 1 for 8), 'hex'), public_key, 'active', created_at FROM gateways`);
    await q.query(`ALTER TABLE gateways DROP COLUMN public_key`);

    // The simulator's private keys, one per (gateway, key). A key wrapped before this migration
    // stays bound to its old KEK context 'gateway-key:<gateway>' (legacy_context); every key
    // made since is bound to 'gateway-key:<gateway>:<key id>'. Contexts never change.
    await q.query(`ALTER TABLE simulator_gateway_keys ADD COLUMN key_id text`);
    await q.query(`ALTER TABLE simulator_gateway_keys ADD COLUMN legacy_context boolean NOT NULL DEFAULT false`);
    await q.query(`
      UPDATE simulator_gateway_keys s SET key_id = k.key_id, legacy_context = true
      FROM gateway_keys k WHERE k.gateway_id = s.gateway_id AND k.status = 'active'`);
    await q.query(`ALTER TABLE simulator_gateway_keys ALTER COLUMN key_id SET NOT NULL`);
    await q.query(`ALTER TABLE simulator_gateway_keys DROP CONSTRAINT simulator_gateway_keys_pkey`);
    await q.query(`ALTER TABLE simulator_gateway_keys ADD PRIMARY KEY (gateway_id, key_id)`);
    await q.query(`ALTER TABLE simulator_gateway_keys ADD CONSTRAINT simulator_gateway_keys_key_id_key UNIQUE (key_id)`);
    await q.query(`
      ALTER TABLE simulator_gateway_keys ADD CONSTRAINT simulator_gateway_keys_gateway_key
      FOREIGN KEY (gateway_id, key_id) REFERENCES gateway_keys (gateway_id, key_id)`);

    // Which gateway key the simulated gateway opened each transmission with.
    await q.query(`ALTER TABLE broadcasts ADD COLUMN gateway_key_id text`);
  }

  // Back to one key per gateway: the active one. A gateway whose active private key was made
  // after this migration is bound to a context the old code does not use; it is removed with its
  // keys, and the old worker makes it a new pair at start, as on a fresh database.
  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE broadcasts DROP COLUMN IF EXISTS gateway_key_id`);
    await q.query(`ALTER TABLE simulator_gateway_keys DROP CONSTRAINT simulator_gateway_keys_gateway_key`);
    await q.query(`
      DELETE FROM simulator_gateway_keys s WHERE NOT s.legacy_context
         OR NOT EXISTS (SELECT 1 FROM gateway_keys k WHERE k.gateway_id = s.gateway_id AND k.key_id = s.key_id AND k.status = 'active')`);
    await q.query(`ALTER TABLE gateways ADD COLUMN public_key bytea`);
    await q.query(`UPDATE gateways g SET public_key = k.public_key FROM gateway_keys k WHERE k.gateway_id = g.id AND k.status = 'active'`);
    await q.query(`DROP TABLE gateway_keys`);
    await q.query(`DELETE FROM gateways g WHERE NOT EXISTS (SELECT 1 FROM simulator_gateway_keys s WHERE s.gateway_id = g.id)`);
    await q.query(`ALTER TABLE gateways ALTER COLUMN public_key SET NOT NULL`);
    await q.query(`ALTER TABLE simulator_gateway_keys DROP CONSTRAINT simulator_gateway_keys_key_id_key`);
    await q.query(`ALTER TABLE simulator_gateway_keys DROP CONSTRAINT simulator_gateway_keys_pkey`);
    await q.query(`ALTER TABLE simulator_gateway_keys DROP COLUMN legacy_context`);
    await q.query(`ALTER TABLE simulator_gateway_keys DROP COLUMN key_id`);
    await q.query(`ALTER TABLE simulator_gateway_keys ADD PRIMARY KEY (gateway_id)`);
  }
}
