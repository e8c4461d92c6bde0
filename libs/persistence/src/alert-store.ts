import type { DataSource, QueryRunner } from 'typeorm';
import { AlertError, type Alert, type AlertListFilter, type AlertStore, type AlertTransaction, type AuditEntry, type Incident, type OutboxKind } from '@faro/alerts';
import { alertFromRow, alertParams, ALERT_COLUMNS, incidentFromRow } from './alert-rows';
import { appendAudit } from './audit-log';

const placeholders = (n: number) => Array.from({ length: n }, (_, i) => `$${i + 1}`).join(', ');

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
      `INSERT INTO incidents (id, source, format, dedupe_key, hazard, payload, raw, alert_id, received_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
      [i.id, i.source, i.format, i.dedupeKey, i.hazard, JSON.stringify(i.payload ?? null), i.raw, i.alertId, i.receivedAt],
    );
  }

  async insertAlert(a: Alert): Promise<void> {
    try {
      await this.q.query(`INSERT INTO alerts (${ALERT_COLUMNS}) VALUES (${placeholders(29)})`, alertParams(a));
    } catch (e) {
      if ((e as { code?: string }).code === '23505') {
        throw new AlertError('alert/conflict', `An alert with sender ${a.sender}, identifier ${a.capIdentifier} and sent ${a.sent.toISOString()} exists already`);
      }
      throw e;
    }
  }

  async saveAlert(a: Alert): Promise<void> {
    const res = await this.q.query(
      `UPDATE alerts SET state = $2, version = $3, updated_at = $4, released_at = $5, targeting = $6
       WHERE id = $1 AND version = $7`,
      [a.id, a.state, a.version, a.updatedAt, a.releasedAt, a.targeting ? JSON.stringify(a.targeting) : null, a.version - 1],
    );
    const affected = Array.isArray(res) ? res[1] : 0;
    if (affected !== 1) throw new AlertError('alert/conflict', `Alert ${a.id} was changed by someone else; reload and retry`);
  }

  async enqueueOutbox(kind: OutboxKind, alertId: string): Promise<void> {
    await this.q.query(`INSERT INTO outbox (kind, alert_id) VALUES ($1, $2)`, [kind, alertId]);
    // Wakes the relay at commit; the relay also polls, so a lost notification costs a poll.
    await this.q.query(`SELECT pg_notify('faro_outbox', $1)`, [alertId]);
  }

  async audit(entry: AuditEntry): Promise<void> {
    await appendAudit(this.q, entry);
  }
}

export class SqlAlertStore implements AlertStore {
  constructor(private readonly ds: DataSource) {}

  async transaction<T>(work: (tx: AlertTransaction) => Promise<T>): Promise<T> {
    const q = this.ds.createQueryRunner();
    await q.connect();
    await q.startTransaction();
    try {
      const result = await work(new SqlAlertTransaction(q));
      await q.commitTransaction();
      return result;
    } catch (e) {
      await q.rollbackTransaction();
      throw e;
    } finally {
      await q.release();
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

  async listAlerts(f: AlertListFilter): Promise<{ items: Alert[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (f.state) where.push(`state = $${params.push(f.state)}`);
    if (f.hazard) where.push(`hazard = $${params.push(f.hazard)}`);
    if (f.capStatus) where.push(`cap_status = $${params.push(f.capStatus)}`);
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ n }] = await this.ds.query(`SELECT count(*)::int AS n FROM alerts ${w}`, params);
    const rows = await this.ds.query(
      `SELECT ${ALERT_COLUMNS} FROM alerts ${w} ORDER BY created_at DESC, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, f.limit, f.offset],
    );
    return { items: rows.map(alertFromRow), total: n };
  }
}
