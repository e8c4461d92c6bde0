import type { DataSource, QueryRunner } from 'typeorm';
import { AlertError, type Alert, type AlertListFilter, type AlertStore, type AlertTransaction, type AuditEntry, type Incident, type OutboxKind } from '@faro/alerts';
import { alertFromRow, alertParams, ALERT_COLUMNS, incidentFromRow } from './alert-rows';
import { appendAudit } from './audit-log';
import { inTransaction } from './in-transaction';
import { affectedRows } from './update-result';

const placeholders = (n: number) => Array.from({ length: n }, (_, i) => `$${i + 1}`).join(', ');

// The jurisdiction $n and every territory below it.
// deadlock_detected and serialization_failure: the transaction did nothing and may be retried.
function isTransientConflict(e: unknown): boolean {
  const code = (e as { code?: unknown; driverError?: { code?: unknown } } | null)?.driverError?.code ?? (e as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001';
}

export const withinJurisdiction = (n: number) =>
  `(WITH RECURSIVE sub AS (SELECT id FROM jurisdictions WHERE id = $${n} UNION ALL SELECT j.id FROM jurisdictions j JOIN sub ON j.parent_id = sub.id) SELECT id FROM sub)`;

// Exported for the other stores of this lib that join the same transaction.
export class SqlAlertTransaction implements AlertTransaction {
  constructor(readonly q: QueryRunner) {}

  async findIncidentByDedupeKey(key: string): Promise<Incident | null> {
    const [r] = await this.q.query(`SELECT * FROM incidents WHERE dedupe_key = $1`, [key]);
    return r ? incidentFromRow(r) : null;
  }

  async findAlertForUpdate(id: string): Promise<Alert | null> {
    const [r] = await this.q.query(`SELECT ${ALERT_COLUMNS} FROM alerts WHERE id = $1 FOR UPDATE`, [id]);
    return r ? alertFromRow(r) : null;
  }

  async findAlertByCapIdentity(sender: string, identifier: string, sent: Date): Promise<Alert | null> {
    const [r] = await this.q.query(`SELECT ${ALERT_COLUMNS} FROM alerts WHERE sender = $1 AND cap_identifier = $2 AND sent = $3`, [sender, identifier, sent]);
    return r ? alertFromRow(r) : null;
  }

  async allocateMessageCode(): Promise<{ messageCode: number; codeCycle: number }> {
    const [r] = await this.q.query(`SELECT nextval('message_code_seq') AS n`);
    const n = Number(r.n);
    return { messageCode: n % 1024, codeCycle: Math.floor(n / 1024) };
  }

  async insertIncident(i: Incident): Promise<void> {
    // The alert row refers to the incident, so the incident goes in first.
    await this.q.query(
      `INSERT INTO incidents (id, source, format, dedupe_key, hazard, payload, raw, alert_id, received_at, sensor_id, jurisdiction_id)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`,
      [i.id, i.source, i.format, i.dedupeKey, i.hazard, JSON.stringify(i.payload ?? null), i.raw, i.alertId, i.receivedAt, i.sensorId ?? null, i.jurisdictionId ?? null],
    ).catch((e: { code?: string; constraint?: string }) => {
      // The same incident arriving twice at once: the other request won the race.
      if (e.code === '23505' && e.constraint === 'incidents_dedupe_key_key') {
        throw new AlertError('alert/conflict', `Incident ${i.dedupeKey} is being recorded by a concurrent request`);
      }
      throw e;
    });
  }

  async insertAlert(a: Alert): Promise<void> {
    try {
      await this.q.query(`INSERT INTO alerts (${ALERT_COLUMNS}) VALUES (${placeholders(34)})`, alertParams(a));
    } catch (e) {
      if ((e as { code?: string }).code === '23505') {
        throw new AlertError('alert/conflict', `An alert with sender ${a.sender}, identifier ${a.capIdentifier} and sent ${a.sent.toISOString()} exists already`);
      }
      throw e;
    }
  }

  async saveAlert(a: Alert): Promise<void> {
    const res = await this.q.query(
      `UPDATE alerts SET state = $2, version = $3, updated_at = $4, released_at = $5, targeting = $6, approved_by = $8,
              languages = $9, areas = $10, severity = $11, urgency = $12, certainty = $13, expires_at = $14,
              message_identifier = $15, additional_message_identifier = $16
       WHERE id = $1 AND version = $7`,
      [a.id, a.state, a.version, a.updatedAt, a.releasedAt, a.targeting ? JSON.stringify(a.targeting) : null, a.version - 1, a.approvedBy,
        JSON.stringify(a.languages), JSON.stringify(a.areas), a.severity, a.urgency, a.certainty, a.expiresAt, a.messageIdentifier, a.additionalMessageIdentifier],
    );
    if (affectedRows(res) !== 1) throw new AlertError('alert/conflict', `Alert ${a.id} was changed by someone else; reload and retry`);
  }

  async enqueueOutbox(kind: OutboxKind, alertId: string): Promise<void> {
    await this.q.query(`INSERT INTO outbox (kind, alert_id) VALUES ($1, $2)`, [kind, alertId]);
    // Wakes the relay at commit; the relay also polls, so a lost notification costs a poll.
    await this.q.query(`SELECT pg_notify('faro_outbox', $1)`, [alertId]);
  }

  async closeOutbox(alertId: string, reason: string): Promise<void> {
    await this.q.query(`UPDATE outbox SET completed_at = now(), error = $2 WHERE alert_id = $1 AND completed_at IS NULL`, [alertId, reason]);
  }

  async saveAlertContent(a: Alert): Promise<void> {
    const res = await this.q.query(
      `UPDATE alerts SET languages = $2, areas = $3, severity = $4, urgency = $5, certainty = $6, expires_at = $7,
              message_identifier = $8, additional_message_identifier = $9, targeting = $10, version = $11, updated_at = $12,
              approved_by = $13, released_at = $14, state = $15, geographical_scope = $17
        WHERE id = $1 AND version = $16`,
      [a.id, JSON.stringify(a.languages), JSON.stringify(a.areas), a.severity, a.urgency, a.certainty, a.expiresAt, a.messageIdentifier,
        a.additionalMessageIdentifier, a.targeting ? JSON.stringify(a.targeting) : null, a.version, a.updatedAt, a.approvedBy, a.releasedAt, a.state, a.version - 1,
        a.geographicalScope],
    );
    if (affectedRows(res) !== 1) throw new AlertError('alert/conflict', `Alert ${a.id} was changed by someone else; reload and retry`);
  }

  async audit(entry: AuditEntry): Promise<void> {
    await appendAudit(this.q, entry);
  }
}

export class SqlAlertStore implements AlertStore {
  constructor(private readonly ds: DataSource) {}

  // A release and the worker finishing a Cancel's kills take the same rows and the audit chain's
  // lock in opposite orders; PostgreSQL ends one of them as a deadlock (40P01). The loser is run
  // again from the start (its transaction was rolled back whole), as PostgreSQL advises.
  async transaction<T>(work: (tx: AlertTransaction) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await inTransaction(this.ds, (q) => work(new SqlAlertTransaction(q)));
      } catch (e) {
        if (attempt >= 3 || !isTransientConflict(e)) throw e;
      }
    }
  }

  async findAlert(id: string): Promise<Alert | null> {
    const [r] = await this.ds.query(`SELECT ${ALERT_COLUMNS} FROM alerts WHERE id = $1`, [id]);
    return r ? alertFromRow(r) : null;
  }

  async findIncident(id: string): Promise<Incident | null> {
    const [r] = await this.ds.query(`SELECT * FROM incidents WHERE id = $1`, [id]);
    return r ? incidentFromRow(r) : null;
  }

  async findVisibleAlert(id: string, jurisdictionId: string): Promise<Alert | null> {
    const [r] = await this.ds.query(`SELECT ${ALERT_COLUMNS} FROM alerts WHERE id = $1 AND jurisdiction_id IN ${withinJurisdiction(2)}`, [id, jurisdictionId]);
    return r ? alertFromRow(r) : null;
  }

  async findVisibleIncident(id: string, jurisdictionId: string): Promise<Incident | null> {
    const [r] = await this.ds.query(
      `SELECT i.* FROM incidents i LEFT JOIN alerts a ON a.id = i.alert_id
        WHERE i.id = $1 AND coalesce(i.jurisdiction_id, a.jurisdiction_id) IN ${withinJurisdiction(2)}`,
      [id, jurisdictionId],
    );
    return r ? incidentFromRow(r) : null;
  }

  async listAlerts(f: AlertListFilter): Promise<{ items: Alert[]; total: number }> {
    const params: unknown[] = [f.visibleTo];
    const where: string[] = [`jurisdiction_id IN ${withinJurisdiction(1)}`];
    if (f.state) where.push(`state = $${params.push(f.state)}`);
    if (f.hazard) where.push(`hazard = $${params.push(f.hazard)}`);
    if (f.capStatus) where.push(`cap_status = $${params.push(f.capStatus)}`);
    if (f.severity) where.push(`severity = $${params.push(f.severity)}`);
    if (f.urgency) where.push(`urgency = $${params.push(f.urgency)}`);
    if (f.certainty) where.push(`certainty = $${params.push(f.certainty)}`);
    if (f.msgType) where.push(`msg_type = $${params.push(f.msgType)}`);
    if (f.createdFrom) where.push(`created_at >= $${params.push(f.createdFrom)}`);
    if (f.createdTo) where.push(`created_at < $${params.push(f.createdTo)}`);
    if (f.territory) where.push(`jurisdiction_id IN ${withinJurisdiction(params.push(f.territory))}`);
    if (f.jurisdiction) where.push(`jurisdiction_id = $${params.push(f.jurisdiction)}`);
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ n }] = await this.ds.query(`SELECT count(*)::int AS n FROM alerts ${w}`, params);
    const rows = await this.ds.query(
      `SELECT ${ALERT_COLUMNS} FROM alerts ${w} ORDER BY created_at DESC, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, f.limit, f.offset],
    );
    return { items: rows.map(alertFromRow), total: n };
  }
}
