import { MigrationInterface, QueryRunner } from 'typeorm';

// Issue 14, failover and durable liveness.
// - A broadcast batch is carried by one gateway at a time: fanout_batches.gateway_id is now the
//   carrier, and home_gateway_id the gateway the fan-out chose, set when the batch first moves
//   (null: it never moved, the carrier is its home). batch_failovers records each move
//   (append-only history), so the gateway a batch left can be told to stop it when it returns.
// - What the workers know of a route outlives them: its last recorded state (so that, with several
//   workers, a change is recorded and notified once) and the boot id last heard from it (so that a
//   gateway restarted while no worker ran is still noticed).
export class RouteFailover1765620000000 implements MigrationInterface {
  name = 'RouteFailover1765620000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE fanout_batches ADD COLUMN home_gateway_id text`);
    await q.query(`CREATE INDEX fanout_batches_carrier ON fanout_batches (gateway_id) WHERE kind = 'broadcast' AND status IN ('pending', 'done')`);
    await q.query(`
      CREATE TABLE batch_failovers (
        id bigserial PRIMARY KEY,
        alert_id uuid NOT NULL,
        route_id text NOT NULL,
        batch integer NOT NULL,
        from_gateway_id text NOT NULL,
        to_gateway_id text NOT NULL CHECK (to_gateway_id <> from_gateway_id),
        moved_at timestamptz NOT NULL DEFAULT now(),
        -- What the gateway it left had on air at the move, per message ([{messageId, cellIds}]),
        -- to be handed to the new carrier; carried_at once it took them (retried until then).
        carry jsonb NOT NULL DEFAULT '[]',
        carried_at timestamptz,
        -- Set once the gateway it left was told to stop it (or came back empty).
        settled_at timestamptz,
        FOREIGN KEY (alert_id, route_id, batch) REFERENCES fanout_batches (alert_id, route_id, batch)
      )`);
    await q.query(`CREATE INDEX batch_failovers_unsettled ON batch_failovers (from_gateway_id) WHERE settled_at IS NULL`);
    await q.query(`CREATE INDEX batch_failovers_uncarried ON batch_failovers (id) WHERE carried_at IS NULL`);
    await q.query(`ALTER TABLE gateways ADD COLUMN route_state text CHECK (route_state IN ('up', 'down'))`);
    await q.query(`ALTER TABLE gateways ADD COLUMN route_state_since timestamptz`);
    await q.query(`ALTER TABLE gateways ADD COLUMN boot_id text`);
    await q.query(`ALTER TABLE gateways ADD COLUMN boot_seen_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const c of ['boot_seen_at', 'boot_id', 'route_state_since', 'route_state']) await q.query(`ALTER TABLE gateways DROP COLUMN IF EXISTS ${c}`);
    await q.query(`DROP TABLE IF EXISTS batch_failovers`);
    await q.query(`DROP INDEX IF EXISTS fanout_batches_carrier`);
    await q.query(`UPDATE fanout_batches SET gateway_id = home_gateway_id WHERE home_gateway_id IS NOT NULL`);
    await q.query(`ALTER TABLE fanout_batches DROP COLUMN IF EXISTS home_gateway_id`);
  }
}
