import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { PushSubscriptionKeys } from '@faro/push';
import { appendAudit } from './audit-log';
import { inTransaction } from './in-transaction';

export interface PushSubscriptionView {
  id: string;
  endpoint: string;
  createdAt: string;
}

// Who subscribes or unsubscribes, and how they authenticated (Principal.via), for the trail.
export interface PushSubscriber {
  userId: string;
  actor: string;
  via?: unknown;
}

// Each user's browser subscriptions. An endpoint belongs to one browser profile: subscribing it
// again (the same browser, perhaps another user signed in) moves it to the caller with the new keys.
// Both changes are audited with the push service's origin only: the endpoint's path is a bearer
// capability for sending to that browser.
export class SqlPushSubscriptions {
  constructor(private readonly ds: DataSource) {}

  async save(by: PushSubscriber, s: PushSubscriptionKeys): Promise<PushSubscriptionView> {
    return inTransaction(this.ds, async (q) => {
      const [row] = await q.query(
        `INSERT INTO push_subscriptions (id, user_id, endpoint, p256dh, auth) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (endpoint) DO UPDATE SET user_id = EXCLUDED.user_id, p256dh = EXCLUDED.p256dh, auth = EXCLUDED.auth
         RETURNING id, endpoint, created_at`,
        [randomUUID(), by.userId, s.endpoint, s.p256dh, s.auth],
      );
      await appendAudit(q, { actor: by.actor, action: 'user.push-subscribed', subjectType: 'user', subjectId: by.userId, details: { subscriptionId: row.id, pushService: new URL(s.endpoint).origin, ...(by.via ? { via: by.via } : {}) } });
      return view(row);
    });
  }

  async listFor(userId: string): Promise<PushSubscriptionView[]> {
    const rows = await this.ds.query(`SELECT id, endpoint, created_at FROM push_subscriptions WHERE user_id = $1 ORDER BY created_at`, [userId]);
    return rows.map(view);
  }

  // Only the caller's own subscription; false when there is none of that id.
  async remove(by: PushSubscriber, id: string): Promise<boolean> {
    return inTransaction(this.ds, async (q) => {
      const [rows] = await q.query(`DELETE FROM push_subscriptions WHERE id = $1 AND user_id = $2 RETURNING endpoint`, [id, by.userId]);
      if (rows.length === 0) return false;
      await appendAudit(q, { actor: by.actor, action: 'user.push-unsubscribed', subjectType: 'user', subjectId: by.userId, details: { subscriptionId: id, pushService: new URL(rows[0].endpoint).origin, ...(by.via ? { via: by.via } : {}) } });
      return true;
    });
  }
}

function view(r: any): PushSubscriptionView {
  return { id: r.id, endpoint: r.endpoint, createdAt: new Date(r.created_at).toISOString() };
}
