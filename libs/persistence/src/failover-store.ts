import type { DataSource } from 'typeorm';
import type { BatchRef, BroadcastMessage, CarriedBatch, CarryCells, FailoverStore, UncarriedMove, UnsettledMove } from '@faro/alerts';
import { SqlFanoutStore } from './fanout-store';
import { inTransaction } from './in-transaction';
import { returnedRows } from './update-result';

type Ref = Pick<BatchRef, 'alertId' | 'routeId' | 'batch'>;

// Which gateway carries each broadcast batch (fanout_batches.gateway_id) and the moves between
// them (batch_failovers), for FailoverRoute and SettleReturnedRoute.
export class SqlFailoverStore implements FailoverStore {
  private readonly fanout: SqlFanoutStore;

  constructor(private readonly ds: DataSource) {
    this.fanout = new SqlFanoutStore(ds);
  }

  messages(alertId: string): Promise<BroadcastMessage[]> {
    return this.fanout.messages(alertId);
  }

  async batchesCarriedBy(gatewayId: string, now: Date): Promise<CarriedBatch[]> {
    const rows = await this.ds.query(
      `SELECT b.alert_id, b.route_id, b.batch, b.status, a.state, a.expires_at,
              -- A batch planned 'at-claim' and not yet claimed has its cells but no deliveries yet.
              CASE WHEN b.cell_ids IS NOT NULL THEN array(SELECT c FROM unnest(b.cell_ids) AS c ORDER BY 1)
                   ELSE array(SELECT DISTINCT d.cell_id FROM deliveries d
                               WHERE d.alert_id = b.alert_id AND d.route_id = b.route_id AND d.batch = b.batch ORDER BY 1) END AS cell_ids
         FROM fanout_batches b JOIN alerts a ON a.id = b.alert_id
        WHERE b.gateway_id = $1 AND b.kind = 'broadcast' AND b.status IN ('pending', 'done')
          AND a.state IN ('broadcasting', 'active') AND a.expires_at > $2
        ORDER BY b.batch, b.alert_id, b.route_id`,
      [gatewayId, now],
    );
    return rows.map((r: any) => ({ alertId: r.alert_id, routeId: r.route_id, batch: r.batch, status: r.status, alertState: r.state, expiresAt: new Date(r.expires_at), cellIds: r.cell_ids }));
  }

  async moveBatch(ref: Ref, from: string, to: string, carry: CarryCells[]): Promise<number | null> {
    return inTransaction(this.ds, async (q) => {
      const moved = returnedRows(
        await q.query(
          `UPDATE fanout_batches SET home_gateway_id = coalesce(home_gateway_id, gateway_id), gateway_id = $5, updated_at = now()
            WHERE alert_id = $1 AND route_id = $2 AND batch = $3 AND kind = 'broadcast' AND gateway_id = $4 RETURNING batch`,
          [ref.alertId, ref.routeId, ref.batch, from, to],
        ),
      );
      if (moved.length === 0) return null;
      const [row] = await q.query(
        `INSERT INTO batch_failovers (alert_id, route_id, batch, from_gateway_id, to_gateway_id, carry, carried_at)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, CASE WHEN $7 THEN now() END) RETURNING id`,
        [ref.alertId, ref.routeId, ref.batch, from, to, JSON.stringify(carry), carry.length === 0],
      );
      return Number(row.id);
    });
  }

  async uncarriedMoves(limit: number): Promise<UncarriedMove[]> {
    const rows = await this.ds.query(
      `SELECT id, alert_id, route_id, batch, to_gateway_id, carry FROM batch_failovers WHERE carried_at IS NULL ORDER BY id LIMIT $1`,
      [limit],
    );
    return rows.map((r: any) => ({ id: Number(r.id), alertId: r.alert_id, routeId: r.route_id, batch: r.batch, toGatewayId: r.to_gateway_id, carry: r.carry }));
  }

  async markCarried(moveId: number): Promise<void> {
    await this.ds.query(`UPDATE batch_failovers SET carried_at = now() WHERE id = $1 AND carried_at IS NULL`, [moveId]);
  }

  onAirCells(ref: Ref, messageId: string): Promise<string[]> {
    return this.cellsIn(ref, messageId, ['broadcasting']);
  }

  sentCells(ref: Ref, messageId: string): Promise<string[]> {
    return this.cellsIn(ref, messageId, ['broadcasting', 'killed']);
  }

  async unsettledMovesFrom(gatewayId: string): Promise<UnsettledMove[]> {
    const rows = await this.ds.query(
      `SELECT id, alert_id, route_id, batch, to_gateway_id FROM batch_failovers WHERE from_gateway_id = $1 AND settled_at IS NULL ORDER BY id`,
      [gatewayId],
    );
    return rows.map((r: any) => ({ id: Number(r.id), alertId: r.alert_id, routeId: r.route_id, batch: r.batch, toGatewayId: r.to_gateway_id }));
  }

  async settleMoves(ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    await this.ds.query(`UPDATE batch_failovers SET settled_at = now() WHERE id = ANY($1::bigint[]) AND settled_at IS NULL`, [ids]);
  }

  private async cellsIn(ref: Ref, messageId: string, statuses: string[]): Promise<string[]> {
    const rows = await this.ds.query(
      `SELECT cell_id FROM deliveries WHERE alert_id = $1 AND route_id = $2 AND batch = $3 AND message_id = $4 AND status = ANY($5::text[]) ORDER BY cell_id`,
      [ref.alertId, ref.routeId, ref.batch, messageId, statuses],
    );
    return rows.map((r: any) => r.cell_id);
  }
}
