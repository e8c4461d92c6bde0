import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { PushSubscriptionKeys } from '@faro/push';

export interface PushSubscriptionView {
  id: string;
  endpoint: string;
  createdAt: string;
}

// Each user's browser subscriptions. An endpoint belongs to one browser profile: subscribing it
// again (the same browser, perhaps another user signed in) moves it to the caller with the new keys.
export class SqlPushSubscriptions {
  constructor(private readonly ds: DataSource) {}

  async save(userId: string, s: PushSubscriptionKeys): Promise<PushSubscriptionView> {
    const [row] = await this.ds.query(
      `INSERT INTO push_subscriptions (id, user_id, endpoint, p256dh, auth) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (endpoint) DO UPDATE SET user_id = EXCLUDED.user_id, p256dh = EXCLUDED.p256dh, auth = EXCLUDED.auth
       RETURNING id, endpoint, created_at`,
      [randomUUID(), userId, s.endpoint, s.p256dh, s.auth],
    );
    return view(row);
  }

  async listFor(userId: string): Promise<PushSubscriptionView[]> {
    const rows = await this.ds.query(`SELECT id, endpoint, created_at FROM push_subscriptions WHERE user_id = $1 ORDER BY created_at`, [userId]);
    return rows.map(view);
  }

  // Only the caller's own subscription; false when there is none of that id.
  async remove(userId: string, id: string): Promise<boolean> {
    const [, count] = await this.ds.query(`DELETE FROM push_subscriptions WHERE id = $1 AND user_id = $2`, [id, userId]);
    return Number(count) > 0;
  }
}

function view(r: any): PushSubscriptionView {
  return { id: r.id, endpoint: r.endpoint, createdAt: new Date(r.created_at).toISOString() };
}
