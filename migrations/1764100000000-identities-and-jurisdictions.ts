import { MigrationInterface, QueryRunner } from 'typeorm';

// Who may do what, where: jurisdictions, users and their credentials, sensors and their
// webhook secrets, and the alert columns that record who drafted and who released.
export class IdentitiesAndJurisdictions1764100000000 implements MigrationInterface {
  name = 'IdentitiesAndJurisdictions1764100000000';

  async up(q: QueryRunner): Promise<void> {
    // A named territory resolved to its boundary through the BoundaryCatalog
    // (scheme + code); the national one covers everything, the seas included.
    await q.query(`
      CREATE TABLE jurisdictions (
        id text PRIMARY KEY,
        name text NOT NULL,
        level text NOT NULL CHECK (level IN ('national','region','province')),
        parent_id text REFERENCES jurisdictions(id),
        geocode_scheme text,
        geocode text,
        CHECK ((level = 'national') = (geocode IS NULL)),
        CHECK ((level = 'national') = (parent_id IS NULL))
      )`);
    await q.query(`INSERT INTO jurisdictions (id, name, level) VALUES ('IT', 'Italia', 'national')`);

    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY,
        email text NOT NULL,
        display_name text NOT NULL,
        password_hash text NOT NULL,
        roles text[] NOT NULL CHECK (roles <@ ARRAY['operator','approver','auditor','admin']::text[] AND cardinality(roles) > 0),
        jurisdiction_id text NOT NULL REFERENCES jurisdictions(id),
        disabled boolean NOT NULL DEFAULT false,
        failed_logins integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        totp_secret_wrapped jsonb,
        totp_last_step bigint,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email ON users (lower(email))`);

    // Only hashes of session and API tokens are stored.
    await q.query(`
      CREATE TABLE sessions (
        token_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id),
        csrf_token_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX sessions_user ON sessions (user_id)`);
    await q.query(`
      CREATE TABLE api_tokens (
        id uuid PRIMARY KEY,
        token_hash text NOT NULL UNIQUE,
        user_id uuid NOT NULL REFERENCES users(id),
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        revoked_at timestamptz,
        last_used_at timestamptz
      )`);

    await q.query(`
      CREATE TABLE sensors (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        jurisdiction_id text NOT NULL REFERENCES jurisdictions(id),
        release_policy text NOT NULL CHECK (release_policy IN ('auto','approve','record')),
        -- For 'auto': the conditions under which no human is in the loop, e.g. {"minMagnitude": 5.5}.
        auto_release jsonb NOT NULL DEFAULT '{}',
        rate_limit_per_minute integer NOT NULL DEFAULT 60 CHECK (rate_limit_per_minute > 0),
        disabled boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // HMAC secrets, wrapped by the key-encryption key; during a rotation the old one stays
    // valid until its overlap ends.
    await q.query(`
      CREATE TABLE sensor_secrets (
        id uuid PRIMARY KEY,
        sensor_id uuid NOT NULL REFERENCES sensors(id),
        secret_wrapped jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        valid_until timestamptz
      )`);
    await q.query(`CREATE INDEX sensor_secrets_sensor ON sensor_secrets (sensor_id)`);
    // Signatures seen inside the timestamp window: a replay is refused.
    await q.query(`
      CREATE TABLE webhook_replays (
        signature text PRIMARY KEY,
        sensor_id uuid NOT NULL,
        seen_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX webhook_replays_seen ON webhook_replays (seen_at)`);

    await q.query(`ALTER TABLE alerts ADD COLUMN drafted_by text NOT NULL DEFAULT 'system:legacy'`);
    await q.query(`ALTER TABLE alerts ALTER COLUMN drafted_by DROP DEFAULT`);
    await q.query(`ALTER TABLE alerts ADD COLUMN jurisdiction_id text NOT NULL DEFAULT 'IT' REFERENCES jurisdictions(id)`);
    await q.query(`ALTER TABLE alerts ALTER COLUMN jurisdiction_id DROP DEFAULT`);
    await q.query(`ALTER TABLE alerts ADD COLUMN approved_by text`);
    await q.query(`ALTER TABLE alerts ADD COLUMN origin text NOT NULL DEFAULT 'operator' CHECK (origin IN ('operator','sensor'))`);
    await q.query(`ALTER TABLE incidents ADD COLUMN sensor_id uuid REFERENCES sensors(id)`);
    await q.query(`ALTER TABLE incidents ADD COLUMN jurisdiction_id text REFERENCES jurisdictions(id)`);

    // Signed checkpoints of the audit head: a truncated chain no longer reaches them.
    await q.query(`
      CREATE TABLE audit_checkpoints (
        id bigserial PRIMARY KEY,
        seq bigint NOT NULL,
        head_hash text NOT NULL,
        key_id bigint NOT NULL,
        signature text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TRIGGER audit_checkpoints_no_update_delete BEFORE UPDATE OR DELETE ON audit_checkpoints
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS audit_checkpoints`);
    for (const c of ['origin', 'approved_by', 'jurisdiction_id', 'drafted_by']) await q.query(`ALTER TABLE alerts DROP COLUMN IF EXISTS ${c}`);
    for (const c of ['jurisdiction_id', 'sensor_id']) await q.query(`ALTER TABLE incidents DROP COLUMN IF EXISTS ${c}`);
    for (const t of ['webhook_replays', 'sensor_secrets', 'sensors', 'api_tokens', 'sessions', 'users', 'jurisdictions']) await q.query(`DROP TABLE IF EXISTS ${t}`);
  }
}
