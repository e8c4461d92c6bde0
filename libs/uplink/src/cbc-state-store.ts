import type { EcbeCbcMessage } from './ecbe-message';

// What Faro placed in each terrestrial CBC, per message identifier: ECBE has no GET, so this
// record is the only way to know what a CBC holds (osmo-cbc 0.5.3 holds one message per
// identifier). Shared by every worker through PostgreSQL (libs/persistence SqlCbcStateStore).
//  posting      written before a POST goes out: a 409 then means this serial is already there
//  confirmed    201: every peer answered
//  unconfirmed  the empty 200 after the CBC's wait: held, no peer answered; a retry DELETEs first
//  deleted      DELETE answered 200 or 404: off the air
export type CbcHeldStatus = 'posting' | 'confirmed' | 'unconfirmed' | 'deleted';

export interface CbcHeldMessage {
  cbcId: string;
  messageIdentifier: number;
  serialNumber: number;
  alertId: string;
  status: CbcHeldStatus;
  // No cell list: a CBC's message is on all its cells (scope_plmn), and it is asked only for all.
  // The body as posted, so that a CBC that restarted empty gets the same message again.
  message: EcbeCbcMessage;
  periodSeconds: number;
  // The end of the alert: after it nothing is put back on air.
  untilEpochSeconds: number | null;
  postedAt: Date | null;
  deletedAt: Date | null;
  // While posting: the serial an Update replaces, until its DELETE is answered. A retry after a
  // failure in between DELETEs again first: a 409 then could be that older message.
  replaces: number | null;
}

export interface CbcStateStore {
  find(cbcId: string, messageIdentifier: number): Promise<CbcHeldMessage | undefined>;
  // Replaces what the CBC holds under the identifier.
  save(held: CbcHeldMessage): Promise<void>;
  // Before a POST: records `posting` unless the CBC is already recorded holding this serial (not
  // deleted), which is kept. fresh: written now, so that a 409 for it is somebody else's message;
  // not fresh: an earlier attempt or another worker placed this serial, so a 409 is it on air.
  beginPost(held: CbcHeldMessage): Promise<{ fresh: boolean }>;
  // Messages not deleted, for recovery.
  heldBy(cbcId: string): Promise<CbcHeldMessage[]>;
}

// The store in one process (unit specs, and the adapter's default when none is given).
export class InMemoryCbcStateStore implements CbcStateStore {
  private readonly rows = new Map<string, CbcHeldMessage>();

  async find(cbcId: string, messageIdentifier: number): Promise<CbcHeldMessage | undefined> {
    const row = this.rows.get(`${cbcId}/${messageIdentifier}`);
    return row ? { ...row } : undefined;
  }

  async save(held: CbcHeldMessage): Promise<void> {
    this.rows.set(`${held.cbcId}/${held.messageIdentifier}`, { ...held });
  }

  async beginPost(held: CbcHeldMessage): Promise<{ fresh: boolean }> {
    const before = this.rows.get(`${held.cbcId}/${held.messageIdentifier}`);
    if (before && before.status !== 'deleted' && before.serialNumber === held.serialNumber) return { fresh: false };
    await this.save({ ...held, status: 'posting' });
    return { fresh: true };
  }

  async heldBy(cbcId: string): Promise<CbcHeldMessage[]> {
    return [...this.rows.values()].filter((r) => r.cbcId === cbcId && r.status !== 'deleted').map((r) => ({ ...r }));
  }
}
