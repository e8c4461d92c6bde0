import { MigrationInterface, QueryRunner } from 'typeorm';

// Restricted audiences (issue 4): registered handsets with their X25519 keys, named groups of
// them, the groups' AES-256 content keys (KEK-wrapped) and each key's bundles, sealed to every
// member's handset key. An alert is for the public (audience_group_id NULL) or for one group.
export class RestrictedAudiences1764500000000 implements MigrationInterface {
  name = 'RestrictedAudiences1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE handsets (
        id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
        label text NOT NULL,
        public_key bytea NOT NULL CHECK (octet_length(public_key) = 32),
        jurisdiction_id text NOT NULL REFERENCES jurisdictions(id),
        registered_by text NOT NULL,
        registered_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE audience_groups (
        id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{1,62}$' AND id <> 'public'),
        name text NOT NULL,
        jurisdiction_id text NOT NULL REFERENCES jurisdictions(id),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // A removal deletes the row; the audit trail keeps who was a member when.
    await q.query(`
      CREATE TABLE group_members (
        group_id text NOT NULL REFERENCES audience_groups(id),
        handset_id text NOT NULL REFERENCES handsets(id),
        added_by text NOT NULL,
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (group_id, handset_id)
      )`);
    await q.query(`CREATE INDEX group_members_handset ON group_members (handset_id)`);
    // Key ids are unique across groups: a handset in several groups tells its keys apart by the
    // id on air alone. They are 32-bit on air (the FG1 stream), drawn at random.
    await q.query(`
      CREATE TABLE group_keys (
        key_id bigint PRIMARY KEY CHECK (key_id BETWEEN 1 AND 4294967295),
        group_id text NOT NULL REFERENCES audience_groups(id),
        key_wrapped jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('active','retired')),
        created_at timestamptz NOT NULL DEFAULT now(),
        retired_at timestamptz,
        reason text NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX group_keys_one_active ON group_keys (group_id) WHERE status = 'active'`);
    await q.query(`
      CREATE TABLE group_key_bundles (
        key_id bigint NOT NULL REFERENCES group_keys(key_id),
        handset_id text NOT NULL REFERENCES handsets(id),
        bundle jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (key_id, handset_id)
      )`);
    await q.query(`CREATE INDEX group_key_bundles_handset ON group_key_bundles (handset_id)`);

    await q.query(`ALTER TABLE alerts ADD COLUMN audience_group_id text REFERENCES audience_groups(id)`);
    await q.query(`ALTER TABLE messages ADD COLUMN group_key_id bigint REFERENCES group_keys(key_id)`);
    await q.query(`ALTER TABLE messages ADD CONSTRAINT messages_alphabet CHECK (alphabet IN ('gsm7','ucs2','data'))`);
    await q.query(`ALTER TABLE messages ADD CONSTRAINT messages_group_key_data CHECK ((group_key_id IS NULL) = (alphabet <> 'data'))`);
    // What the simulated gateway put on air, as it opened it from the seal: the reference for
    // handset tests, independent of what Faro believes it sent.
    await q.query(`ALTER TABLE broadcasts ADD COLUMN pages text[]`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE broadcasts DROP COLUMN IF EXISTS pages`);
    await q.query(`ALTER TABLE messages DROP CONSTRAINT IF EXISTS messages_group_key_data`);
    await q.query(`ALTER TABLE messages DROP CONSTRAINT IF EXISTS messages_alphabet`);
    await q.query(`ALTER TABLE messages DROP COLUMN IF EXISTS group_key_id`);
    await q.query(`ALTER TABLE alerts DROP COLUMN IF EXISTS audience_group_id`);
    for (const t of ['group_key_bundles', 'group_keys', 'group_members', 'audience_groups', 'handsets']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
