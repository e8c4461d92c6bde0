import { type AuditCheckpoint, checkpointKid, verifyCheckpointSignature } from './audit-checkpoint';
import { walkAuditChain } from './audit-chain-walk';
import type { AuditLog, CheckpointKeyLookup } from './ports';

// A checkpoint as auditors read it: the key id in the JWKS's hex (kid), not a number.
export type AuditCheckpointView = Omit<AuditCheckpoint, 'keyId'> & { keyId: string };

export interface AuditTrailReport {
  intact: boolean;
  /** Entries that chain correctly (all of them when intact). */
  entries: number;
  /** Hash of the last entry that chains correctly. */
  headHash: string;
  /** The earliest entry proven wrong, and how. */
  firstBad?: { seq: number; reason: string };
  checkpoints: { verified: number; latest: AuditCheckpointView | null };
}

/**
 * The whole audit trail checked: every entry chains onto the one before (walkAuditChain), and
 * every signed checkpoint still holds — its signature verifies under a key the lookup trusts, and
 * the chain still has entry `seq` with exactly the signed hash. An entry edited in place breaks
 * the chain; a chain rewritten and rehashed from some entry on no longer matches the checkpoints
 * after it; a chain cut short no longer reaches them. Only what was appended after the latest
 * checkpoint can go unnoticed, so checkpoints are written every few minutes.
 */
export class VerifyAuditTrail {
  constructor(
    private readonly log: Pick<AuditLog, 'range' | 'checkpoints'>,
    private readonly keys: CheckpointKeyLookup,
    // Entries appended but not yet chained are sealed first, so the report covers every
    // entry committed before it was asked for (AuditSealer.drain).
    private readonly sealer?: { drain(): Promise<void> },
  ) {}

  async run(): Promise<AuditTrailReport> {
    await this.sealer?.drain();
    const checkpoints = await this.log.checkpoints();
    const wanted = new Set(checkpoints.map((c) => c.seq));
    const hashAt = new Map<number, string>();
    const walk = await walkAuditChain(this.log, { seen: (seq, hash) => wanted.has(seq) && hashAt.set(seq, hash) });
    // Each key is looked up once a run: many checkpoints share one.
    const keys = new Map<number, ReturnType<CheckpointKeyLookup>>();
    const keyFor = (keyId: number) => keys.get(keyId) ?? keys.set(keyId, this.keys(keyId)).get(keyId)!;

    const problems: Array<{ seq: number; reason: string }> = [];
    if (walk.firstBad) problems.push(walk.firstBad);
    let verified = 0;
    let lastConfirmed = 0;
    for (const c of checkpoints) {
      const which = `checkpoint ${c.id} (entry ${c.seq}, ${c.createdAt})`;
      const key = await keyFor(c.keyId);
      if ('problem' in key) {
        problems.push({ seq: c.seq, reason: `${which} cannot be trusted: ${key.problem}` });
        continue;
      }
      if (!verifyCheckpointSignature(c, key.publicKey)) {
        problems.push({ seq: c.seq, reason: `${which} has a signature that does not verify` });
        continue;
      }
      // Past a broken entry the chain proves nothing either way: the break is the finding.
      if (walk.firstBad && c.seq >= walk.firstBad.seq) continue;
      const hash = hashAt.get(c.seq);
      if (hash === undefined) {
        problems.push({ seq: c.seq, reason: `${which} vouches for entry ${c.seq}, but the chain ends at entry ${walk.headSeq}: entries were removed` });
      } else if (hash !== c.headHash) {
        problems.push({
          seq: c.seq,
          reason: `entry ${c.seq} is not the one ${which} signed: the chain was rewritten after entry ${lastConfirmed}, the last one a checkpoint confirms`,
        });
      } else {
        verified++;
        lastConfirmed = Math.max(lastConfirmed, c.seq);
      }
    }

    const latest = checkpoints.reduce<AuditCheckpoint | null>((l, c) => (!l || c.seq > l.seq || (c.seq === l.seq && c.id > l.id) ? c : l), null);
    const report: AuditTrailReport = {
      intact: problems.length === 0,
      entries: walk.entries,
      headHash: walk.headHash,
      checkpoints: { verified, latest: latest && { ...latest, keyId: checkpointKid(latest.keyId) } },
    };
    if (problems.length > 0) report.firstBad = problems.reduce((a, b) => (b.seq < a.seq ? b : a));
    return report;
  }
}
