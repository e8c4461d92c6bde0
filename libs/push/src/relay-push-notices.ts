import { isRouteKind, NOTIFIED_ACTIONS, planNotices, planRouteNotices, pushKindOf, type AlertSummary, type AuditedChange, type JurisdictionContains, type PlannedNotice, type PushCandidate } from './push-notice';

// The relay's view of PostgreSQL inside one transaction: the cursor is locked, so two workers
// never read the same stretch of the trail twice.
export interface PushNoticeTransaction {
  lockCursor(): Promise<number>;
  // Entries after seq, in order, up to limit; details only for the actions named.
  auditAfter(seq: number, limit: number, actions: readonly string[]): Promise<AuditedChange[]>;
  alertSummary(alertId: string): Promise<AlertSummary | null>;
  candidates(): Promise<PushCandidate[]>;
  failedShare(alertId: string): Promise<number>;
  addNotices(seq: number, notices: PlannedNotice[]): Promise<void>;
  advanceCursor(seq: number): Promise<void>;
}

export interface PushNoticeStore {
  transaction<T>(work: (tx: PushNoticeTransaction) => Promise<T>): Promise<T>;
}

// Reads the audit trail past the cursor and writes one notice per recipient's subscription, in one
// transaction with the cursor's advance: a notice is never lost (the trail is durable and the
// cursor moves only with the notices) nor made twice. Returns how many entries it read.
export class RelayPushNotices {
  constructor(
    private readonly store: PushNoticeStore,
    private readonly contains: JurisdictionContains,
    private readonly failureThreshold: number,
    private readonly batch = 200,
  ) {}

  async run(): Promise<number> {
    return this.store.transaction(async (tx) => {
      const from = await tx.lockCursor();
      const entries = await tx.auditAfter(from, this.batch, NOTIFIED_ACTIONS);
      if (entries.length === 0) return 0;
      let candidates: PushCandidate[] | undefined;
      for (const e of entries) {
        if (!(NOTIFIED_ACTIONS as readonly string[]).includes(e.action)) continue;
        const kind = await pushKindOf(e, () => tx.failedShare(e.subjectId), this.failureThreshold);
        if (!kind) continue;
        if (isRouteKind(kind)) {
          candidates ??= await tx.candidates();
          await tx.addNotices(e.seq, planRouteNotices(e, kind, candidates));
          continue;
        }
        const alert = await tx.alertSummary(e.subjectId);
        if (!alert) continue;
        candidates ??= await tx.candidates();
        await tx.addNotices(e.seq, planNotices(e, kind, alert, candidates, this.contains));
      }
      await tx.advanceCursor(entries[entries.length - 1].seq);
      return entries.length;
    });
  }
}
