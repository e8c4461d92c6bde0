import type { DataSource } from 'typeorm';
import type { SigningKeys } from '@faro/alerts';
import type { KeyEncryptionPort } from '@faro/broadcast-security';
import { type AuditCheckpoint, writeAuditCheckpoint } from './audit-checkpoint';
import { type AuditTrailReport, kekAnchoredCheckpointKeys, verifyAuditTrail } from './audit-verification';

export interface AuditEntryView {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  details: unknown;
  prevHash: string;
  hash: string;
}

export interface AuditEntryFilter {
  subjectId?: string;
  /** Entries after this seq (a cursor: the last seq of the previous page). */
  after?: number;
  limit: number;
}

/** The audit trail for auditors: read entries in order, verify the chain and its checkpoints, sign a checkpoint. */
export class SqlAuditTrail {
  constructor(
    private readonly ds: DataSource,
    private readonly kek: KeyEncryptionPort,
  ) {}

  async entries(filter: AuditEntryFilter): Promise<{ items: AuditEntryView[]; next: number | null }> {
    const params: unknown[] = [filter.after ?? 0, filter.limit];
    const bySubject = filter.subjectId === undefined ? '' : `AND subject_id = $${params.push(filter.subjectId)}`;
    const rows = await this.ds.query(
      `SELECT seq, at, actor, action, subject_type, subject_id, details, prev_hash, hash
         FROM audit_log WHERE seq > $1 ${bySubject} ORDER BY seq LIMIT $2`,
      params,
    );
    const items = rows.map((r: any) => ({
      seq: Number(r.seq),
      at: new Date(r.at).toISOString(),
      actor: r.actor,
      action: r.action,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      details: r.details,
      prevHash: r.prev_hash,
      hash: r.hash,
    }));
    return { items, next: items.length === filter.limit ? items[items.length - 1].seq : null };
  }

  verify(): Promise<AuditTrailReport> {
    return verifyAuditTrail(this.ds, kekAnchoredCheckpointKeys(this.ds, this.kek));
  }

  checkpoint(signer: Pick<SigningKeys, 'active'>): Promise<AuditCheckpoint | null> {
    return writeAuditCheckpoint(this.ds, signer);
  }
}
