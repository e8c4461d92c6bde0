import { MigrationInterface, QueryRunner } from 'typeorm';

// Web push (issue 10): the platform's VAPID key pair (private half wrapped by the KEK), each
// user's browser subscriptions, and the notices derived from the audit trail. The relay's cursor
// starts at the trail's head, so a platform upgraded with history does not replay it.
export class WebPush1765300000000 implements MigrationInterface {
  name = 'WebPush1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE push_vapid_keys (
        id smallint PRIMARY KEY CHECK (id = 1),
        public_key text NOT NULL,
        private_key_wrapped jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE push_subscriptions (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        endpoint text NOT NULL UNIQUE,
        p256dh text NOT NULL,
        auth text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX push_subscriptions_user ON push_subscriptions (user_id)`);
    await q.query(`
      CREATE TABLE push_relay_cursor (
        id smallint PRIMARY KEY CHECK (id = 1),
        audit_seq bigint NOT NULL
      )`);
    await q.query(`INSERT INTO push_relay_cursor (id, audit_seq) SELECT 1, coalesce(max(seq), 0) FROM audit_log`);
    await q.query(`
      CREATE TABLE push_notifications (
        id bigserial PRIMARY KEY,
        subscription_id uuid NOT NULL REFERENCES push_subscriptions(id) ON DELETE CASCADE,
        user_id uuid NOT NULL,
        audit_seq bigint NOT NULL,
        kind text NOT NULL CHECK (kind IN ('approval-needed','released','on-air','delivery-failures','cancelled')),
        alert_id uuid NOT NULL,
        dedupe_key text NOT NULL,
        payload jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sent','failed')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        dispatch_count integer NOT NULL DEFAULT 0,
        dispatched_at timestamptz,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (subscription_id, dedupe_key)
      )`);
    await q.query(`CREATE INDEX push_notifications_pending ON push_notifications (id) WHERE status = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['push_notifications', 'push_relay_cursor', 'push_subscriptions', 'push_vapid_keys']) await q.query(`DROP TABLE IF EXISTS ${t}`);
  }
}
