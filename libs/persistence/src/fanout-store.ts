import type { DataSource } from 'typeorm';
import type { BatchClaim, BatchPlan, ClaimLease, BatchRef, BroadcastMessage, DeliveryStore, ExpiryStore, FanoutStore, FanoutTransaction, OnAirCell, PlannedDeliveries, RecoveryStore } from '@faro/alerts';
import type { CellReceipt } from '@faro/uplink';
import { SqlAlertStore, SqlAlertTransaction } from './alert-store';
import { appendAudit } from './audit-log';
import { copyRows } from './copy-rows';
import { batchRefFromRow } from './batch-ref-row';
import { inTransaction } from './in-transaction';
import { returnedRows } from './update-result';

function messageFromRow(r: Record<string, any>): BroadcastMessage {
  return {
    id: r.id,
    alertId: r.alert_id,
    kind: r.kind ?? 'alert',
    signsMessageId: r.signs_message_id ?? null,
    language: r.language,
    messageIdentifier: r.message_identifier,
    serialNumber: r.serial_number,
    codeCycle: r.code_cycle,
    dcs: r.dcs,
    alphabet: r.alphabet,
    characters: r.characters,
    groupKeyId: r.group_key_id === null || r.group_key_id === undefined ? null : Number(r.group_key_id),
    pages: (r.pages as string[]).map((h) => Uint8Array.from(Buffer.from(h, 'hex'))),
    keyId: Number(r.key_id),
    issueTime: Number(r.issue_time),
    signature: Uint8Array.from(Buffer.from(r.signature, 'hex')),
    warningAreaCoordinates: Uint8Array.from(Buffer.from(r.warning_area_coordinates, 'hex')),
  };
}

// How many alerts' messages a store keeps (messages()).
const KEPT_ALERTS = 16;

export class SqlFanoutStore implements FanoutStore, DeliveryStore, ExpiryStore, RecoveryStore {
  private readonly alerts: SqlAlertStore;
  private readonly keptMessages = new Map<string, BroadcastMessage[]>();

  constructor(private readonly ds: DataSource) {
    this.alerts = new SqlAlertStore(ds);
  }

  // The alerts' transaction (with its retry on a deadlock), with the fan-out's writers.
  async transaction<T>(work: (tx: FanoutTransaction) => Promise<T>): Promise<T> {
    return this.alerts.transaction((tx) => work(new SqlFanoutTransaction((tx as SqlAlertTransaction).q)));
  }

  async pendingBatches(alertId: string): Promise<BatchRef[]> {
    const rows = await this.ds.query(
      // Batch n of every route before batch n + 1 of any: the gateways work in parallel.
      `SELECT alert_id, route_id, batch, kind, gateway_id, target_batch FROM fanout_batches WHERE alert_id = $1 AND status = 'pending' ORDER BY batch, route_id`,
      [alertId],
    );
    return rows.map(batchRefFromRow);
  }

  async alertBatches(alertId: string): Promise<BatchRef[]> {
    const rows = await this.ds.query(`SELECT alert_id, route_id, batch, kind, gateway_id, target_batch FROM fanout_batches WHERE alert_id = $1`, [alertId]);
    return rows.map(batchRefFromRow);
  }

  async completeOutbox(outboxId: number, error?: string): Promise<void> {
    await this.ds.query(`UPDATE outbox SET completed_at = now(), error = $2 WHERE id = $1 AND completed_at IS NULL`, [outboxId, error ?? null]);
  }

  // The claim and, for a batch planned 'at-claim', its 'queued' deliveries, in one statement: a
  // claimed batch always has its rows, an unclaimed one none (dropPendingBatches relies on it).
  // Only the first claim writes them (claimed again after a crash or a retry, they are there): the
  // row lock taken in `prior` makes a concurrent claim wait and then see this one's claimed_at.
  // A plain INSERT, not ON CONFLICT DO NOTHING: speculative insertion cost a third more per row.
  // It answers the batch's carrier and, when it wrote the rows, their cells as planned, which
  // spares the job two queries. The lease is taken unless another token's still holds.
  async claimBatch(ref: BatchRef, lease: ClaimLease): Promise<BatchClaim | null> {
    const [r] = await this.ds.query(
      `WITH prior AS (
         SELECT claimed_at IS NULL AS first, coalesce(claim_until > clock_timestamp(), false) AS held FROM fanout_batches
          WHERE alert_id = $1 AND route_id = $2 AND batch = $3 AND status = 'pending' FOR UPDATE),
       claimed AS (
         UPDATE fanout_batches SET claimed_at = coalesce(claimed_at, now()), updated_at = now(),
                claim_token = CASE WHEN prior.held THEN claim_token ELSE $4::uuid END,
                claim_until = CASE WHEN prior.held THEN claim_until ELSE clock_timestamp() + make_interval(secs => $5::float8 / 1000) END
           FROM prior
          WHERE alert_id = $1 AND route_id = $2 AND batch = $3 AND status = 'pending'
          RETURNING alert_id, route_id, batch, cell_ids, prior.first, prior.held, gateway_id, coalesce(home_gateway_id, gateway_id) AS home),
       written AS (
         INSERT INTO deliveries (message_identifier, serial_number, code_cycle, language, cell_id, alert_id, message_id, route_id, batch, status)
         SELECT m.message_identifier, m.serial_number, m.code_cycle, m.language, c.cell_id, claimed.alert_id, m.id, claimed.route_id, claimed.batch, 'queued'
           FROM claimed CROSS JOIN unnest(claimed.cell_ids) AS c(cell_id) JOIN messages m ON m.alert_id = claimed.alert_id AND m.kind = 'alert'
          WHERE claimed.first)
       SELECT gateway_id AS carrier, home, held, NOT first AS claimed_before,
              CASE WHEN first THEN cell_ids END AS written
         FROM claimed`,
      [ref.alertId, ref.routeId, ref.batch, lease.token, lease.ms],
    );
    return r ? { carrier: r.carrier, home: r.home, written: r.written ?? null, claimedBefore: r.claimed_before, heldElsewhere: r.held } : null;
  }

  async renewClaim(ref: BatchRef, lease: ClaimLease): Promise<void> {
    await this.ds.query(
      `UPDATE fanout_batches SET claim_until = clock_timestamp() + make_interval(secs => $5::float8 / 1000)
        WHERE alert_id = $1 AND route_id = $2 AND batch = $3 AND status = 'pending' AND claim_token = $4::uuid`,
      [ref.alertId, ref.routeId, ref.batch, lease.token, lease.ms],
    );
  }

  async releaseClaim(ref: BatchRef, token: string): Promise<void> {
    await this.ds.query(
      `UPDATE fanout_batches SET claim_until = NULL WHERE alert_id = $1 AND route_id = $2 AND batch = $3 AND claim_token = $4::uuid`,
      [ref.alertId, ref.routeId, ref.batch, token],
    );
  }

  async dropBatch(ref: BatchRef, cellReason: string): Promise<void> {
    await dropPendingBatches(this.ds, ref.alertId, cellReason, cellReason, { routeId: ref.routeId, batch: ref.batch });
  }

  async batchStatus(ref: BatchRef): Promise<'pending' | 'done' | 'failed' | null> {
    const [r] = await this.ds.query(`SELECT status FROM fanout_batches WHERE alert_id = $1 AND route_id = $2 AND batch = $3`, [ref.alertId, ref.routeId, ref.batch]);
    return r ? r.status : null;
  }

  // What a gateway restarted empty lost: cells recorded on air through it, of alerts still on air
  // (RestoreRoute's rule decides again). The route's gateway is its broadcast batch's.
  async onAirThrough(gatewayId: string, now: Date, recordedBefore: Date): Promise<OnAirCell[]> {
    const rows = await this.ds.query(
      `SELECT d.alert_id, a.state, a.expires_at, d.message_id, d.route_id, d.cell_id
         FROM fanout_batches b
         JOIN alerts a ON a.id = b.alert_id
         JOIN deliveries d ON d.alert_id = b.alert_id AND d.route_id = b.route_id AND d.batch = b.batch
        WHERE b.gateway_id = $1 AND b.kind = 'broadcast' AND a.state IN ('broadcasting', 'active') AND a.expires_at > $2
          AND d.status = 'broadcasting' AND d.updated_at < $3
        ORDER BY d.alert_id, d.message_id, d.route_id, d.cell_id`,
      [gatewayId, now, recordedBefore],
    );
    return rows.map((r: any) => ({ alertId: r.alert_id, alertState: r.state, expiresAt: new Date(r.expires_at), messageId: r.message_id, routeId: r.route_id, cellId: r.cell_id }));
  }

  // Every uplink job of an alert reads its messages, which never change once its plan is
  // committed (nothing updates or deletes a message): the last few alerts' are kept, which spares
  // a national alert's 762 jobs a query each. None found (no plan yet) is not kept.
  async messages(alertId: string): Promise<BroadcastMessage[]> {
    const kept = this.keptMessages.get(alertId);
    if (kept) return [...kept];
    const rows = await this.ds.query(`SELECT * FROM messages WHERE alert_id = $1 ORDER BY message_identifier, language`, [alertId]);
    const messages: BroadcastMessage[] = rows.map(messageFromRow);
    if (messages.length > 0) {
      this.keptMessages.set(alertId, [...messages]);
      if (this.keptMessages.size > KEPT_ALERTS) this.keptMessages.delete(this.keptMessages.keys().next().value!);
    }
    return messages;
  }

  async queuedCells(ref: BatchRef, m: BroadcastMessage): Promise<string[]> {
    const rows = await this.ds.query(
      `SELECT cell_id FROM deliveries WHERE alert_id = $1 AND route_id = $2 AND batch = $3 AND message_id = $4 AND status = 'queued' ORDER BY cell_id`,
      [ref.alertId, ref.routeId, ref.batch, m.id],
    );
    return rows.map((r: any) => r.cell_id);
  }

  // For an Update's kill, only the messages the Update does not replace: where it puts a message
  // of the same identifier, scope and code on the cell, that one replaces the old (next update number).
  async liveCells(targetAlertId: string, ref: BatchRef): Promise<Array<{ cellId: string; messageIdentifier: number; serialNumber: number; companionMessageIdentifier: number | null }>> {
    const rows = await this.ds.query(
      `SELECT d.cell_id, d.message_identifier, d.serial_number,
              (SELECT c.message_identifier FROM messages c WHERE c.signs_message_id = d.message_id) AS companion_message_identifier
         FROM deliveries d
        WHERE d.alert_id = $1 AND d.route_id = $2 AND d.batch = $3 AND d.status = 'broadcasting'
          AND NOT EXISTS (${REPLACED_IN_CELL})`,
      [targetAlertId, ref.routeId, ref.targetBatch ?? ref.batch, ref.alertId],
    );
    return rows.map((r: any) => ({ cellId: r.cell_id, messageIdentifier: r.message_identifier, serialNumber: r.serial_number, companionMessageIdentifier: r.companion_message_identifier ?? null }));
  }

  async recordReceipts(ref: BatchRef, m: BroadcastMessage, receipts: CellReceipt[]): Promise<void> {
    if (receipts.length === 0) return;
    // By the batch's index (alert, route, batch) and the message's id, not by the primary key's
    // message identifier, serial, code cycle and language: with statistics older than the rows a
    // claim just wrote, PostgreSQL walked every row of the message through that key prefix for
    // each batch (57 ms a batch, growing with the alert: quadratic over a national alert).
    await this.ds.query(
      `UPDATE deliveries d SET status = r.status, reason = r.reason, attempts = d.attempts + 1, updated_at = now()
         FROM unnest($2::text[], $3::text[], $4::text[]) AS r(cell_id, status, reason)
        WHERE d.alert_id = $5 AND d.route_id = $6 AND d.batch = $7 AND d.message_id = $1 AND d.cell_id = r.cell_id AND d.status = 'queued'`,
      [m.id, receipts.map((r) => r.cellId), receipts.map((r) => r.status), receipts.map((r) => r.reason ?? null), ref.alertId, ref.routeId, ref.batch],
    );
  }

  async recordKill(targetAlertId: string, ref: BatchRef, receipts: CellReceipt[]): Promise<void> {
    const killed = receipts.filter((r) => r.status !== 'rejected').map((r) => r.cellId);
    if (killed.length === 0) return;
    // A Cancel's kill: 'cancelled'. An Update's: 'outside the Update' in a cell it no longer covers,
    // else none of its messages there can replace this one (another identifier, a dropped language).
    await this.ds.query(
      `UPDATE deliveries d SET status = 'killed', updated_at = now(),
              reason = CASE WHEN $5 THEN 'cancelled'
                            WHEN EXISTS (SELECT 1 FROM deliveries u WHERE u.alert_id = $6 AND u.route_id = d.route_id AND u.cell_id = d.cell_id) THEN '${NOT_MATCHED_BY_UPDATE}'
                            ELSE 'outside the Update' END
        WHERE d.alert_id = $1 AND d.route_id = $2 AND d.batch = $3 AND d.status = 'broadcasting' AND d.cell_id = ANY($4::text[])`,
      [targetAlertId, ref.routeId, ref.targetBatch ?? ref.batch, killed, ref.targetBatch === undefined, ref.alertId],
    );
  }

  async completeBatch(ref: BatchRef, attempts: number): Promise<void> {
    await this.ds.query(
      `UPDATE fanout_batches SET status = 'done', attempts = $4, updated_at = now() WHERE alert_id = $1 AND route_id = $2 AND batch = $3 AND status = 'pending'`,
      [ref.alertId, ref.routeId, ref.batch, attempts],
    );
  }

  async failBatch(ref: BatchRef, reason: string, attempts: number): Promise<void> {
    await inTransaction(this.ds, async (q) => {
      await q.query(
        `UPDATE fanout_batches SET status = 'failed', attempts = $4, last_error = $5, updated_at = now() WHERE alert_id = $1 AND route_id = $2 AND batch = $3 AND status = 'pending'`,
        [ref.alertId, ref.routeId, ref.batch, attempts, reason],
      );
      await q.query(
        `UPDATE deliveries SET status = 'failed', reason = $4, updated_at = now() WHERE alert_id = $1 AND route_id = $2 AND batch = $3 AND status = 'queued'`,
        [ref.alertId, ref.routeId, ref.batch, reason],
      );
      await appendAudit(q, { actor: 'system:uplink', action: 'alert.batch-failed', subjectType: 'alert', subjectId: ref.alertId, details: { routeId: ref.routeId, batch: ref.batch, attempts, reason } });
    });
  }

  async carrierOf(ref: BatchRef): Promise<{ carrier: string; home: string } | null> {
    const [r] = await this.ds.query(`SELECT gateway_id, coalesce(home_gateway_id, gateway_id) AS home FROM fanout_batches WHERE alert_id = $1 AND route_id = $2 AND batch = $3`, [ref.alertId, ref.routeId, ref.batch]);
    return r ? { carrier: r.gateway_id, home: r.home } : null;
  }

  async routeCellCount(alertId: string, routeId: string): Promise<number> {
    // The plan's own count per batch (a batch's cells are distinct, and the batches of a route too).
    const [r] = await this.ds.query(`SELECT coalesce(sum(cell_count), 0)::int AS n FROM fanout_batches WHERE alert_id = $1 AND route_id = $2 AND kind = 'broadcast'`, [alertId, routeId]);
    return r.n;
  }

  async hasPendingBatches(alertId: string): Promise<boolean> {
    const [r] = await this.ds.query(`SELECT EXISTS (SELECT 1 FROM fanout_batches WHERE alert_id = $1 AND status = 'pending') AS p`, [alertId]);
    return r.p;
  }

  async onAirExpiredBefore(now: Date, limit: number): Promise<string[]> {
    const rows = await this.ds.query(
      `SELECT id FROM alerts WHERE state IN ('broadcasting', 'active') AND expires_at <= $1 ORDER BY expires_at LIMIT $2`,
      [now, limit],
    );
    return rows.map((r: any) => r.id);
  }
}

class SqlFanoutTransaction extends SqlAlertTransaction implements FanoutTransaction {
  async writePlan(alertId: string, messages: BroadcastMessage[], batches: BatchPlan[], deliveries: PlannedDeliveries): Promise<void> {
    // The messages a companion signs first: it names them.
    for (const m of [...messages].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'alert' ? -1 : 1))) {
      await this.q.query(
        `INSERT INTO messages (id, alert_id, language, message_identifier, serial_number, code_cycle, dcs, alphabet, characters,
           page_count, pages, key_id, issue_time, signature, warning_area_coordinates, group_key_id, kind, signs_message_id)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18)`,
        [m.id, m.alertId, m.language, m.messageIdentifier, m.serialNumber, m.codeCycle, m.dcs, m.alphabet, m.characters, m.pages.length,
          m.pages.map((b) => Buffer.from(b).toString('hex')), m.keyId, m.issueTime, Buffer.from(m.signature).toString('hex'),
          Buffer.from(m.warningAreaCoordinates).toString('hex'), m.groupKeyId, m.kind, m.signsMessageId],
      );
    }
    if (deliveries === 'with-plan') await this.writeDeliveries(messages, batches);
    // One statement, every batch's cells in one string ('a,b;c,d': batches by semicolons, cells by
    // commas), split by PostgreSQL (string_to_array is C). Not a text[]: for a national alert's
    // 3 MB, quoting each element here and parsing the array literal there cost more than the split.
    // A cell id is letters, digits and dashes, never either separator. Planned 'with-plan', a
    // batch keeps no cells ($7 null: unnest pads it out with nulls).
    const cells = deliveries === 'at-claim' ? joinedCells(batches) : null;
    await this.q.query(
      `INSERT INTO fanout_batches (alert_id, route_id, batch, kind, gateway_id, cell_count, status, cell_ids)
       SELECT $1, b.route_id, b.batch, b.kind, b.gateway_id, b.cell_count, 'pending', string_to_array(b.cells, ',')
         FROM unnest($2::text[], $3::int[], $4::text[], $5::text[], $6::int[], string_to_array($7::text, ';')) AS b(route_id, batch, kind, gateway_id, cell_count, cells)`,
      [alertId, batches.map((b) => b.routeId), batches.map((b) => b.batch), batches.map((b) => b.kind), batches.map((b) => b.gatewayId), batches.map((b) => b.cellIds.length), cells],
    );
  }

  private async writeDeliveries(messages: BroadcastMessage[], batches: BatchPlan[]): Promise<void> {
    const client = await this.q.connect();
    // A companion has no deliveries of its own: it goes out in its alert's submission (DeliverBatch).
    const texts = messages.filter((m) => m.kind === 'alert');
    await copyRows(
      client,
      'deliveries',
      ['message_identifier', 'serial_number', 'code_cycle', 'language', 'cell_id', 'alert_id', 'message_id', 'route_id', 'batch', 'status'],
      (function* () {
        for (const b of batches)
          for (const m of texts)
            for (const cell of b.cellIds)
              yield [m.messageIdentifier, m.serialNumber, m.codeCycle, m.language, cell, m.alertId, m.id, b.routeId, b.batch, 'queued'];
      })(),
    );
    // Fresh statistics, or the planner may scan the whole table for each batch's update.
    await this.q.query(`ANALYZE deliveries`);
  }

  async dropUnclaimedBatches(alertId: string, batchReason: string, cellReason: string): Promise<void> {
    await dropPendingBatches(this.q, alertId, batchReason, cellReason, 'unclaimed');
  }

  async planCancelKills(cancelId: string, targetId: string): Promise<number> {
    const inserted = await this.q.query(
      `INSERT INTO fanout_batches (alert_id, route_id, batch, kind, gateway_id, cell_count, status)
       SELECT $1, fb.route_id, fb.batch, 'kill', fb.gateway_id, count(d.*)::int, 'pending'
         FROM fanout_batches fb JOIN deliveries d ON d.alert_id = fb.alert_id AND d.route_id = fb.route_id AND d.batch = fb.batch
        WHERE fb.alert_id = $2 AND ${ON_AIR_OR_ON_ITS_WAY}
        GROUP BY fb.route_id, fb.batch, fb.gateway_id
       RETURNING batch`,
      [cancelId, targetId],
    );
    return inserted.length;
  }

  async planReplacedKills(updateId: string, replacedId: string): Promise<number> {
    const inserted = await this.q.query(
      `INSERT INTO fanout_batches (alert_id, route_id, batch, kind, gateway_id, cell_count, status, target_batch)
       SELECT $1, t.route_id,
              coalesce((SELECT max(b.batch) + 1 FROM fanout_batches b WHERE b.alert_id = $1 AND b.route_id = t.route_id), 0)
                + row_number() OVER (PARTITION BY t.route_id ORDER BY t.batch) - 1,
              'kill', t.gateway_id, t.cells, 'pending', t.batch
         FROM (SELECT d.route_id, d.batch, fb.gateway_id, count(DISTINCT d.cell_id)::int AS cells
                 FROM deliveries d JOIN fanout_batches fb ON fb.alert_id = d.alert_id AND fb.route_id = d.route_id AND fb.batch = d.batch
                WHERE d.alert_id = $2 AND ${ON_AIR_OR_ON_ITS_WAY}
                  AND NOT EXISTS (${REPLACED_IN_CELL.replace('$4', '$1')})
                GROUP BY d.route_id, d.batch, fb.gateway_id) t
       RETURNING batch`,
      [updateId, replacedId],
    );
    return inserted.length;
  }
}

// 'a,b;c,d' for batches [a, b] and [c, d] (writePlan), refused for an id holding either separator.
function joinedCells(batches: BatchPlan[]): string {
  const separator = /[,;]/;
  if (batches.some((b) => b.cellIds.some((id) => separator.test(id)))) throw new Error('a cell id holds a comma or a semicolon');
  return batches.map((b) => b.cellIds.join(',')).join(';');
}

// A delivery d (of batch fb) to kill: on air, or queued in a batch still pending (a claimed one:
// the planners drop the others first), which its job may be putting on air now.
const ON_AIR_OR_ON_ITS_WAY = `(d.status = 'broadcasting' OR (fb.status = 'pending' AND d.status = 'queued'))`;

// TS 23.041 §9.4.1.2.1: a handset replaces a message it holds only by one with the same message
// identifier, geographical scope and message code (the serial's top 12 bits) and another update
// number. A delivery d of the replaced alert is replaced in its cell when the Update ($4, or $1 in
// planReplacedKills) puts such a message there; every other one on air must be killed.
const REPLACED_IN_CELL = `SELECT 1 FROM deliveries u WHERE u.alert_id = $4 AND u.route_id = d.route_id AND u.cell_id = d.cell_id
    AND u.message_identifier = d.message_identifier AND (u.serial_number >> 4) = (d.serial_number >> 4)`;
const NOT_MATCHED_BY_UPDATE = 'not replaced by the Update (none of its messages has this identifier)';

// Pending batches of an alert leaving the air: failed, their cells killed with the reason (the
// queued rows of a claimed batch; rows written now from its cells for one never claimed, which
// has none yet when planned 'at-claim'). 'unclaimed' (a Cancel or Update planner): those no job
// has claimed; a claimed batch is left to its job (which drops it on its next attempt, or
// finishes the transmission it began) and the caller plans kills for its cells. The UPDATE takes
// the row locks a concurrent claim needs, so a batch is either dropped here or claimed, never
// both. One batch: its own job dropping it.
async function dropPendingBatches(
  q: { query(sql: string, params: unknown[]): Promise<unknown> },
  alertId: string,
  batchReason: string,
  cellReason: string,
  which: 'unclaimed' | { routeId: string; batch: number },
): Promise<void> {
  const one = which === 'unclaimed' ? null : which;
  await q.query(
    `WITH dropped AS (
       UPDATE fanout_batches SET status = 'failed', last_error = $2, updated_at = now()
        WHERE alert_id = $1 AND status = 'pending'
          AND (CASE WHEN $4::text IS NULL THEN claimed_at IS NULL ELSE route_id = $4 AND batch = $5 END)
        RETURNING route_id, batch, claimed_at, cell_ids),
     queued AS (
       UPDATE deliveries d SET status = 'killed', reason = $3, updated_at = now()
         FROM dropped WHERE d.alert_id = $1 AND d.route_id = dropped.route_id AND d.batch = dropped.batch AND d.status = 'queued')
     INSERT INTO deliveries (message_identifier, serial_number, code_cycle, language, cell_id, alert_id, message_id, route_id, batch, status, reason)
     SELECT m.message_identifier, m.serial_number, m.code_cycle, m.language, c.cell_id, $1, m.id, dropped.route_id, dropped.batch, 'killed', $3
       FROM dropped CROSS JOIN unnest(dropped.cell_ids) AS c(cell_id) JOIN messages m ON m.alert_id = $1 AND m.kind = 'alert'
      WHERE dropped.claimed_at IS NULL
     ON CONFLICT DO NOTHING`,
    [alertId, batchReason, cellReason, one?.routeId ?? null, one?.batch ?? null],
  );
}
