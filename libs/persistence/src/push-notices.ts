import type { DataSource, QueryRunner } from 'typeorm';
import type { AlertSummary, AuditedChange, PlannedNotice, PushCandidate, PushNoticeStore, PushNoticeTransaction, PushPayload } from '@faro/push';
import { appendAudit } from './audit-log';
import { inTransaction } from './in-transaction';
import { returnedRows } from './update-result';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface PushDispatch {
  id: number;
  dispatchCount: number;
}

export interface PushDelivery {
  id: number;
  subscriptionId: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  kind: string;
  payload: PushPayload;
}

// Notices derived from the audit trail (push_notifications), and their state as the worker sends
// them. The audit trail's seq is gap-free and committed in order (one sealer at a time gives it:
// AuditSealer), so a cursor over it misses nothing; an entry not yet sealed is read once it is.
export class SqlPushNotices implements PushNoticeStore {
  constructor(private readonly ds: DataSource) {}

  transaction<T>(work: (tx: PushNoticeTransaction) => Promise<T>): Promise<T> {
    return inTransaction(this.ds, (q) => work(new SqlPushNoticeTransaction(q)));
  }

  // Pending notices not handed to the queue yet, or handed over more than staleMs ago.
  async claimDue(staleMs: number, limit = 500): Promise<PushDispatch[]> {
    const rows = await this.ds.query(
      `UPDATE push_notifications SET dispatched_at = now(), dispatch_count = dispatch_count + 1
       WHERE id IN (SELECT id FROM push_notifications WHERE status = 'pending'
                      AND (dispatched_at IS NULL OR dispatched_at < now() - make_interval(secs => $1 / 1000.0))
                    ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING id, dispatch_count`,
      [staleMs, limit],
    );
    return returnedRows(rows).map(dispatch);
  }

  // A claim whose enqueue failed (the queue is down): due again at the next pass.
  async unclaim(ids: number[]): Promise<void> {
    if (ids.length) await this.ds.query(`UPDATE push_notifications SET dispatched_at = NULL WHERE id = ANY($1) AND status = 'pending'`, [ids]);
  }

  async pendingDelivery(id: number): Promise<PushDelivery | null> {
    const [r] = await this.ds.query(
      `SELECT n.id, n.subscription_id, s.endpoint, s.p256dh, s.auth, n.kind, n.payload
       FROM push_notifications n JOIN push_subscriptions s ON s.id = n.subscription_id
       WHERE n.id = $1 AND n.status = 'pending'`,
      [id],
    );
    return r ? { id: Number(r.id), subscriptionId: r.subscription_id, endpoint: r.endpoint, p256dh: r.p256dh, auth: r.auth, kind: r.kind, payload: r.payload } : null;
  }

  async markSent(id: number, attempts: number): Promise<void> {
    await this.ds.query(`UPDATE push_notifications SET status = 'sent', sent_at = now(), attempts = $2, last_error = NULL WHERE id = $1`, [id, attempts]);
  }

  async markAttempt(id: number, attempts: number, error: string, failed: boolean): Promise<void> {
    await this.ds.query(`UPDATE push_notifications SET attempts = $2, last_error = $3, status = CASE WHEN $4 THEN 'failed' ELSE status END WHERE id = $1`, [id, attempts, error.slice(0, 500), failed]);
  }

  // The push service says the subscription is gone (404/410): it and its notices go, audited
  // like an unsubscription.
  async removeSubscription(subscriptionId: string, status: number): Promise<void> {
    await inTransaction(this.ds, async (q) => {
      const [rows] = await q.query(`DELETE FROM push_subscriptions WHERE id = $1 RETURNING user_id, endpoint`, [subscriptionId]);
      if (rows.length === 0) return;
      await appendAudit(q, { actor: 'system:push', action: 'user.push-unsubscribed', subjectType: 'user', subjectId: rows[0].user_id, details: { subscriptionId, pushService: new URL(rows[0].endpoint).origin, reason: `push service answered ${status}` } });
    });
  }
}

class SqlPushNoticeTransaction implements PushNoticeTransaction {
  constructor(private readonly q: QueryRunner) {}

  async lockCursor(): Promise<number> {
    const [r] = await this.q.query(`SELECT audit_seq FROM push_relay_cursor WHERE id = 1 FOR UPDATE`);
    return Number(r.audit_seq);
  }

  async auditAfter(seq: number, limit: number, actions: readonly string[]): Promise<AuditedChange[]> {
    const rows = await this.q.query(
      `SELECT seq, actor, action, subject_id, CASE WHEN action = ANY($3) THEN details END AS details
       FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2`,
      [seq, limit, actions],
    );
    return rows.map((r: any) => ({ seq: Number(r.seq), actor: r.actor, action: r.action, subjectId: r.subject_id, details: r.details ?? {} }));
  }

  async alertSummary(alertId: string): Promise<AlertSummary | null> {
    // An entry naming no alert id is skipped, never a cast error that would stop the relay.
    if (!UUID.test(alertId)) return null;
    const [r] = await this.q.query(
      `SELECT id, jurisdiction_id, drafted_by, hazard, msg_type, cap_status, coalesce(languages->0->>'headline', languages->0->>'text', '') AS headline
       FROM alerts WHERE id = $1`,
      [alertId],
    );
    return r ? { id: r.id, jurisdictionId: r.jurisdiction_id, draftedBy: r.drafted_by, hazard: r.hazard, msgType: r.msg_type, capStatus: r.cap_status, headline: r.headline } : null;
  }

  async candidates(): Promise<PushCandidate[]> {
    const rows = await this.q.query(
      `SELECT s.id, s.user_id, u.roles, u.jurisdiction_id FROM push_subscriptions s JOIN users u ON u.id = s.user_id
       WHERE NOT u.disabled AND u.roles && ARRAY['operator','approver']::text[]`,
    );
    return rows.map((r: any) => ({ subscriptionId: r.id, userId: r.user_id, roles: r.roles, jurisdictionId: r.jurisdiction_id }));
  }

  async failedShare(alertId: string): Promise<number> {
    if (!UUID.test(alertId)) return 0;
    const [r] = await this.q.query(`SELECT count(*) FILTER (WHERE status = 'failed') AS failed, count(*) AS total FROM deliveries WHERE alert_id = $1`, [alertId]);
    const total = Number(r?.total ?? 0);
    return total === 0 ? 0 : Number(r.failed) / total;
  }

  async addNotices(seq: number, notices: PlannedNotice[]): Promise<void> {
    for (const n of notices) {
      await this.q.query(
        `INSERT INTO push_notifications (subscription_id, user_id, audit_seq, kind, alert_id, dedupe_key, payload)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (subscription_id, dedupe_key) DO NOTHING`,
        [n.subscriptionId, n.userId, seq, n.kind, n.alertId, n.dedupeKey, JSON.stringify(n.payload)],
      );
    }
  }

  async advanceCursor(seq: number): Promise<void> {
    await this.q.query(`UPDATE push_relay_cursor SET audit_seq = $1 WHERE id = 1`, [seq]);
  }
}

function dispatch(r: any): PushDispatch {
  return { id: Number(r.id), dispatchCount: Number(r.dispatch_count) };
}
