import { type AuditCheckpoint, auditCheckpointPayload } from './audit-checkpoint';
import { walkAuditChain } from './audit-chain-walk';
import { AuditTrailError } from './audit-trail-error';
import type { AuditLog, CheckpointSigner } from './ports';

/**
 * Signs the head of the audit chain with the active signing key, after checking that every entry
 * since the previous checkpoint still chains onto it: a checkpoint never vouches for an entry
 * that was not verified. Answers null when the chain is empty or no entry was added since the
 * last checkpoint. No lock is needed: committed entries are contiguous and never change, so the
 * head read here stays what it was; two checkpointers racing at worst sign the same head twice
 * (and the log keeps the first: addCheckpoint).
 */
export class CheckpointAuditTrail {
  constructor(
    private readonly log: Pick<AuditLog, 'head' | 'range' | 'latestCheckpoint' | 'addCheckpoint'>,
    private readonly signer: CheckpointSigner,
  ) {}

  async run(): Promise<AuditCheckpoint | null> {
    const head = await this.log.head();
    if (!head) return null;
    const last = await this.log.latestCheckpoint();
    if (last && last.seq >= head.seq) return null;

    const walk = await walkAuditChain(this.log, { fromSeq: last?.seq ?? 0, fromHash: last?.headHash, toSeq: head.seq });
    if (walk.firstBad) {
      throw new AuditTrailError('audit/chain-broken', `Not checkpointing: entry ${walk.firstBad.seq} does not chain (${walk.firstBad.reason})`);
    }
    if (walk.headSeq !== head.seq || walk.headHash !== head.hash) {
      throw new AuditTrailError('audit/chain-broken', `Not checkpointing: entry ${head.seq} does not chain onto the entries before it`);
    }

    const key = await this.signer.active();
    const signature = Buffer.from(key.sign(auditCheckpointPayload(head.seq, walk.headHash))).toString('hex');
    return this.log.addCheckpoint({ seq: head.seq, headHash: walk.headHash, keyId: key.keyId, signature });
  }
}
