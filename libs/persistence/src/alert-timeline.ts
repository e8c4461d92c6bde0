import type { DataSource } from 'typeorm';

// One step of an alert's life, as the console's Alert detail lists it.
export interface TimelineEntry {
  step:
    | 'drafted' | 'submitted' | 'rejected' | 'edited' | 'approved' | 'released' | 'signed' | 'first-on-air' | 'delivered'
    | 'active' | 'batch-failed' | 'updated' | 'cancelling' | 'cancelled' | 'expired' | 'killing' | 'done';
  at: string;
  // Who did it ('user:<id>', 'sensor:<id>', 'system:<part>') and their display name when a user.
  actor: { ref: string; name: string | null } | null;
  // 'signed': the signing key ids (8 hex digits) of the alert's messages.
  keyIds?: string[];
  // 'delivered': the share of deliveries transmitted (50, 95 or 100) and how many that is.
  percent?: number;
  deliveries?: number;
  reason?: string;
}

export interface AlertTimeline {
  alertId: string;
  // Deliveries (message × cell) the fan-out wrote, and how many a gateway has transmitted.
  deliveries: { total: number; transmitted: number };
  entries: TimelineEntry[];
}

// Audit actions of an alert (release-alert.ts `move` writes `alert.<state>`) as timeline steps.
const STEP_OF_ACTION: Record<string, TimelineEntry['step']> = {
  'alert.drafted': 'drafted',
  'alert.pending_approval': 'submitted',
  'alert.draft': 'rejected',
  'alert.edited': 'edited',
  'alert.approved': 'approved',
  'alert.broadcasting': 'released',
  'alert.active': 'active',
  'alert.batch-failed': 'batch-failed',
  'alert.updated': 'updated',
  'alert.cancelling': 'cancelling',
  'alert.cancelled': 'cancelled',
  'alert.expired': 'expired',
  'alert.killing': 'killing',
  'alert.done': 'done',
};

export const DELIVERY_MILESTONES = [50, 95, 100] as const;

// The timeline of one alert, from what the database recorded as it happened: the audit trail
// (who drafted, submitted, approved; when the fan-out took it), the signed messages (key ids),
// and the transmission record (broadcasts: each gateway submission with its cell count, at the
// time the gateway transmitted it). A milestone is the first transmission at which the running
// sum of transmitted cells reaches that share of the deliveries; the transmission record, not
// the deliveries' own status, because a Cancel's kill later rewrites that status.
export class SqlAlertTimeline {
  constructor(private readonly ds: DataSource) {}

  async timeline(alertId: string): Promise<AlertTimeline> {
    const audit = await this.ds.query(
      `SELECT at, actor, action, details FROM audit_log WHERE subject_type = 'alert' AND subject_id = $1 AND action = ANY($2::text[]) ORDER BY seq NULLS LAST, id`,
      [alertId, Object.keys(STEP_OF_ACTION)],
    );
    const [signed] = await this.ds.query(
      `SELECT min(created_at) AS at, array_agg(DISTINCT key_id ORDER BY key_id) AS key_ids FROM messages WHERE alert_id = $1`,
      [alertId],
    );
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM deliveries WHERE alert_id = $1`, [alertId]);
    // Each submission once (submission_id is unique), in the order the gateways transmitted them.
    const aired = await this.ds.query(
      `SELECT transmitted_at AS at, sum(cell_count) OVER (ORDER BY transmitted_at, id)::int AS running
         FROM broadcasts WHERE alert_id = $1 AND kind = 'broadcast' ORDER BY transmitted_at, id`,
      [alertId],
    );
    const names = await this.userNames(audit.map((r: any) => r.actor));
    const entries: TimelineEntry[] = audit.map((r: any) => {
      const e: TimelineEntry = { step: STEP_OF_ACTION[r.action], at: iso(r.at), actor: { ref: r.actor, name: names.get(r.actor) ?? null } };
      if (typeof r.details?.reason === 'string') e.reason = r.details.reason;
      return e;
    });
    if (signed?.at) entries.push({ step: 'signed', at: iso(signed.at), actor: null, keyIds: signed.key_ids.map((k: string) => Number(k).toString(16).padStart(8, '0')) });
    if (aired.length > 0) entries.push({ step: 'first-on-air', at: iso(aired[0].at), actor: null });
    const transmitted = Math.min(total, aired.length ? aired[aired.length - 1].running : 0);
    for (const percent of DELIVERY_MILESTONES) {
      const needed = Math.ceil((total * percent) / 100);
      const reached = total > 0 ? aired.find((a: any) => a.running >= needed) : undefined;
      if (reached) entries.push({ step: 'delivered', at: iso(reached.at), actor: null, percent, deliveries: needed });
    }
    // Stable order: by time, then in the order the steps happen in.
    const order = (e: TimelineEntry) => ['drafted', 'submitted', 'rejected', 'edited', 'approved', 'signed', 'released', 'first-on-air', 'delivered'].indexOf(e.step) + 1 || 99;
    entries.sort((a, b) => a.at.localeCompare(b.at) || order(a) - order(b) || (a.percent ?? 0) - (b.percent ?? 0));
    return { alertId, deliveries: { total, transmitted }, entries };
  }

  private async userNames(refs: string[]): Promise<Map<string, string>> {
    const ids = [...new Set(refs.filter((r) => r.startsWith('user:')).map((r) => r.slice(5)))].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    if (ids.length === 0) return new Map();
    const rows = await this.ds.query(`SELECT id, display_name FROM users WHERE id = ANY($1::uuid[])`, [ids]);
    return new Map(rows.map((r: any) => [`user:${r.id}`, r.display_name]));
  }
}

const iso = (d: Date | string) => new Date(d).toISOString();
