import type { DataSource } from 'typeorm';
import type { Alert, CapIdentity } from '@faro/alerts';
import { ALERT_COLUMNS, alertFromRow } from './alert-rows';

// A feed is a page of news, not an archive: past this many entries the oldest are left out.
const FEED_LIMIT = 1000;
const PUBLIC_ACTUAL = `cap_status = 'Actual' AND audience_group_id IS NULL AND released_at IS NOT NULL`;

// Reads for the public CAP feed. The rule of what is public lives in @faro/alerts (public-feed.ts);
// these queries read a superset of it (public Actual, released, on air or changed since the
// cutoff) that the rule then narrows.
export class SqlPublicFeed {
  constructor(private readonly ds: DataSource) {}

  async candidates(cutoff: Date): Promise<Alert[]> {
    const rows = await this.ds.query(
      `SELECT ${ALERT_COLUMNS} FROM alerts
        WHERE ${PUBLIC_ACTUAL} AND (state IN ('broadcasting', 'active', 'cancelling') OR updated_at >= $1 OR released_at >= $1)
        ORDER BY sent DESC, id LIMIT ${FEED_LIMIT}`,
      [cutoff],
    );
    return rows.map(alertFromRow);
  }

  // id: a UUID (the caller checks its form).
  async find(id: string): Promise<Alert | null> {
    const [row] = await this.ds.query(`SELECT ${ALERT_COLUMNS} FROM alerts WHERE id = $1 AND ${PUBLIC_ACTUAL}`, [id]);
    return row ? alertFromRow(row) : null;
  }

  // The newest moment at which a public message that is out of the feed now stopped being
  // current (leftAirAt in @faro/alerts): when it fell out is that plus the window.
  async newestLeftBefore(cutoff: Date): Promise<Date | null> {
    const [row] = await this.ds.query(
      `SELECT greatest(
          max(updated_at) FILTER (WHERE msg_type <> 'Cancel' AND state IN ('expired', 'updated', 'cancelled') AND updated_at < $1),
          max(released_at) FILTER (WHERE msg_type = 'Cancel' AND released_at < $1)) AS at
         FROM alerts WHERE ${PUBLIC_ACTUAL}`,
      [cutoff],
    );
    return row?.at ? new Date(row.at) : null;
  }

  // What each alert replaces, oldest first: the alert it references, that one's, and so on.
  async referenceChains(alerts: Alert[]): Promise<Map<string, CapIdentity[]>> {
    const out = new Map<string, CapIdentity[]>();
    const ids = alerts.filter((a) => a.referencesAlertId !== null).map((a) => a.id);
    for (const a of alerts) out.set(a.id, []);
    if (ids.length === 0) return out;
    const rows = await this.ds.query(
      `WITH RECURSIVE chain(start_id, id, depth) AS (
          SELECT a.id, a.references_alert_id, 1 FROM alerts a WHERE a.id = ANY($1::uuid[]) AND a.references_alert_id IS NOT NULL
          UNION ALL
          SELECT c.start_id, r.references_alert_id, c.depth + 1 FROM chain c JOIN alerts r ON r.id = c.id
           WHERE r.references_alert_id IS NOT NULL AND c.depth < 100)
        SELECT c.start_id, c.depth, r.sender, r.cap_identifier, r.sent FROM chain c JOIN alerts r ON r.id = c.id
         ORDER BY c.start_id, c.depth DESC`,
      [ids],
    );
    for (const r of rows) out.get(r.start_id)?.push({ sender: r.sender, capIdentifier: r.cap_identifier, sent: new Date(r.sent) });
    return out;
  }
}
