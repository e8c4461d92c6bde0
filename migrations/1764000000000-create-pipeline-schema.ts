import { MigrationInterface, QueryRunner } from 'typeorm';

// The alert pipeline: incidents, alerts and their messages, the cell inventory,
// the outbox, per-cell deliveries, uplink transmissions, keys and the audit chain.
export class CreatePipelineSchema1764000000000 implements MigrationInterface {
  name = 'CreatePipelineSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE incidents (
        id uuid PRIMARY KEY,
        source text NOT NULL,
        format text NOT NULL CHECK (format IN ('json', 'cap')),
        dedupe_key text UNIQUE,
        hazard text NOT NULL,
        payload jsonb NOT NULL,
        raw text,
        alert_id uuid,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);

    // One 10-bit message code per alert chain; the cycle counts wrap-arounds so the
    // delivery key stays unique when a code is reused after 1024 alerts.
    await q.query(`CREATE SEQUENCE message_code_seq MINVALUE 0 START 0`);

    await q.query(`
      CREATE TABLE alerts (
        id uuid PRIMARY KEY,
        incident_id uuid NOT NULL REFERENCES incidents(id),
        state text NOT NULL CHECK (state IN ('draft','pending_approval','approved','broadcasting','active','expired','updated','cancelled')),
        msg_type text NOT NULL CHECK (msg_type IN ('Alert','Update','Cancel')),
        cap_status text NOT NULL CHECK (cap_status IN ('Actual','Exercise','Test','System')),
        cap_identifier text NOT NULL,
        sender text NOT NULL,
        sent timestamptz NOT NULL,
        hazard text NOT NULL,
        severity text NOT NULL,
        urgency text NOT NULL,
        certainty text NOT NULL,
        level1 boolean NOT NULL DEFAULT false,
        expires_at timestamptz NOT NULL,
        references_alert_id uuid REFERENCES alerts(id),
        root_alert_id uuid NOT NULL,
        languages jsonb NOT NULL,
        areas jsonb NOT NULL,
        message_identifier integer NOT NULL,
        additional_message_identifier integer NOT NULL,
        geographical_scope smallint NOT NULL,
        message_code smallint NOT NULL CHECK (message_code BETWEEN 0 AND 1023),
        code_cycle integer NOT NULL,
        update_number smallint NOT NULL CHECK (update_number BETWEEN 0 AND 15),
        targeting jsonb,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        released_at timestamptz
      )`);
    await q.query(`CREATE INDEX alerts_state_created ON alerts (state, created_at DESC)`);
    await q.query(`CREATE INDEX alerts_created ON alerts (created_at DESC, id)`);
    await q.query(`CREATE INDEX alerts_root ON alerts (root_alert_id)`);
    await q.query(`CREATE UNIQUE INDEX alerts_cap_identity ON alerts (sender, cap_identifier, sent)`);

    await q.query(`
      CREATE TABLE cells (
        id text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('terrestrial','satellite')),
        operator text NOT NULL,
        mcc smallint NOT NULL,
        mnc smallint NOT NULL,
        rat text NOT NULL,
        route_id text NOT NULL,
        gateway_id text NOT NULL,
        site_lon double precision NOT NULL,
        site_lat double precision NOT NULL,
        azimuth_deg real,
        radius_m real NOT NULL,
        municipality_code text,
        bbox box NOT NULL,
        coverage jsonb NOT NULL
      )`);
    // Built-in GiST over the bounding box: a bbox query never scans the inventory,
    // and it works on the embedded PostgreSQL without PostGIS.
    await q.query(`CREATE INDEX cells_bbox ON cells USING gist (bbox)`);
    await q.query(`CREATE INDEX cells_route ON cells (route_id)`);
    // Which inventory is loaded: processes rebuild their in-memory index when it changes.
    await q.query(`
      CREATE TABLE cell_inventory (
        id smallint PRIMARY KEY CHECK (id = 1),
        version text NOT NULL,
        terrestrial integer NOT NULL,
        satellite integer NOT NULL,
        generated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE gateways (
        id text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('satellite','terrestrial')),
        public_key bytea NOT NULL,
        profile jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The simulator's own private keys: a real gateway keeps these in its HSM, so Faro's
    // tables never join them; they are wrapped by the key-encryption key all the same.
    await q.query(`
      CREATE TABLE simulator_gateway_keys (
        gateway_id text PRIMARY KEY REFERENCES gateways(id),
        private_key_wrapped jsonb NOT NULL
      )`);

    await q.query(`
      CREATE TABLE signing_keys (
        key_id bigint PRIMARY KEY CHECK (key_id BETWEEN 1 AND 4294967295),
        public_key bytea NOT NULL,
        private_key_wrapped jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('active','previous','retired')),
        created_at timestamptz NOT NULL DEFAULT now(),
        retired_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys (status) WHERE status = 'active'`);

    await q.query(`
      CREATE TABLE messages (
        id uuid PRIMARY KEY,
        alert_id uuid NOT NULL REFERENCES alerts(id),
        language text NOT NULL,
        message_identifier integer NOT NULL,
        serial_number integer NOT NULL,
        code_cycle integer NOT NULL,
        dcs smallint NOT NULL,
        alphabet text NOT NULL,
        characters integer NOT NULL,
        page_count smallint NOT NULL,
        pages text[] NOT NULL,
        key_id bigint NOT NULL REFERENCES signing_keys(key_id),
        issue_time bigint NOT NULL,
        signature text NOT NULL,
        warning_area_coordinates text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (alert_id, language)
      )`);

    await q.query(`
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        kind text NOT NULL,
        alert_id uuid NOT NULL REFERENCES alerts(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        dispatched_at timestamptz,
        dispatch_count integer NOT NULL DEFAULT 0,
        completed_at timestamptz,
        error text
      )`);
    await q.query(`CREATE INDEX outbox_open ON outbox (id) WHERE completed_at IS NULL`);

    await q.query(`
      CREATE TABLE fanout_batches (
        alert_id uuid NOT NULL REFERENCES alerts(id),
        route_id text NOT NULL,
        batch integer NOT NULL,
        kind text NOT NULL CHECK (kind IN ('broadcast','kill')),
        gateway_id text NOT NULL,
        cell_count integer NOT NULL,
        status text NOT NULL CHECK (status IN ('pending','done','failed')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (alert_id, route_id, batch)
      )`);
    await q.query(`CREATE INDEX fanout_batches_pending ON fanout_batches (alert_id) WHERE status = 'pending'`);

    // One row per message x cell. The unique key is the broadcast's identity on air:
    // message identifier, serial number (message code + update number) and cell. The
    // language tells apart two additional-language messages sharing one identifier,
    // the code cycle a reused 10-bit message code.
    await q.query(`
      CREATE TABLE deliveries (
        message_identifier integer NOT NULL,
        serial_number integer NOT NULL,
        code_cycle integer NOT NULL,
        language text NOT NULL,
        cell_id text NOT NULL,
        alert_id uuid NOT NULL,
        message_id uuid NOT NULL,
        route_id text NOT NULL,
        batch integer NOT NULL,
        status text NOT NULL CHECK (status IN ('queued','broadcasting','rejected','failed','killed')),
        attempts smallint NOT NULL DEFAULT 0,
        reason text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (message_identifier, serial_number, code_cycle, language, cell_id)
      )`);
    await q.query(`CREATE INDEX deliveries_batch ON deliveries (alert_id, route_id, batch)`);

    await q.query(`
      CREATE TABLE broadcasts (
        id bigserial PRIMARY KEY,
        submission_id text NOT NULL UNIQUE,
        kind text NOT NULL CHECK (kind IN ('broadcast','kill')),
        alert_id uuid NOT NULL REFERENCES alerts(id),
        message_id uuid REFERENCES messages(id),
        gateway_id text NOT NULL,
        route_id text NOT NULL,
        message_identifier integer NOT NULL,
        serial_number integer NOT NULL,
        dcs smallint,
        cell_count integer NOT NULL,
        repetition jsonb,
        transmitted_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX broadcasts_alert ON broadcasts (alert_id, message_id, route_id)`);

    // Append-only and hash-chained: each entry holds the SHA-256 of its canonical content
    // and of the previous entry, so an edit or a deletion breaks the chain.
    await q.query(`
      CREATE TABLE audit_log (
        seq bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        actor text NOT NULL,
        action text NOT NULL,
        subject_type text NOT NULL,
        subject_id text NOT NULL,
        details jsonb NOT NULL,
        prev_hash text NOT NULL,
        hash text NOT NULL UNIQUE
      )`);
    await q.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['audit_log', 'broadcasts', 'deliveries', 'fanout_batches', 'outbox', 'messages', 'signing_keys',
      'simulator_gateway_keys', 'gateways', 'cell_inventory', 'cells', 'alerts', 'incidents']) {
      await q.query(`DROP TABLE IF EXISTS ${t} CASCADE`);
    }
    await q.query(`DROP FUNCTION IF EXISTS audit_log_append_only`);
    await q.query(`DROP SEQUENCE IF EXISTS message_code_seq`);
  }
}
