import { generateGatewayKeyPair, type KeyEncryptionPort } from '@faro/broadcast-security';
import type { Clock } from '@faro/identity';
import { dueBefore, scheduledReason } from './key-age';
import { PLATFORM_KEY_ACTOR, keyAuditEntry } from './key-audit';
import { GatewayKeyError } from './key-error';
import type { KeyActor, KeyStore } from './ports';
import { gatewayKeyContext } from './wrap-contexts';

export interface GatewayKeyRotation {
  gatewayId: string;
  kid: string;
  previousKid: string | null;
  retiredKid: string | null;
}

// For one gateway, in one transaction under the gateway's lock: active → previous, previous →
// retired (its private half deleted: nothing sealed to it is opened again), a new pair → active.
// The sealer reads the active key per seal, so broadcasts are sealed to the new key from the
// commit; the simulated gateway still opens what was sealed to the previous key, so batches in
// flight go out. The simulated gateway's new pair is made here (a real gateway would make it in
// its HSM and register the public half).
export class RotateGatewayKey {
  constructor(
    private readonly store: KeyStore,
    private readonly kek: KeyEncryptionPort,
    private readonly clock: Clock,
  ) {}

  async run(by: KeyActor, gatewayId: string, reason: string): Promise<GatewayKeyRotation> {
    return (await this.rotate(by, gatewayId, reason, null))!;
  }

  // Every gateway in turn, each in its own transaction (a failure leaves the others rotated).
  async runForAll(by: KeyActor, reason: string): Promise<GatewayKeyRotation[]> {
    return this.rotateEach(by, await this.store.gatewayIds(), reason, null);
  }

  // The schedule: each gateway whose active key is older than maxAgeDays, re-checked under its lock.
  async runIfDue(maxAgeDays: number): Promise<GatewayKeyRotation[]> {
    const before = dueBefore(this.clock, maxAgeDays);
    return this.rotateEach(PLATFORM_KEY_ACTOR, await this.store.gatewaysWithKeysOlderThan(before), scheduledReason(maxAgeDays), before);
  }

  private async rotateEach(by: KeyActor, gatewayIds: string[], reason: string, onlyIfCreatedBefore: Date | null): Promise<GatewayKeyRotation[]> {
    const rotations: GatewayKeyRotation[] = [];
    for (const id of gatewayIds) {
      const r = await this.rotate(by, id, reason, onlyIfCreatedBefore);
      if (r) rotations.push(r);
    }
    return rotations;
  }

  private async rotate(by: KeyActor, gatewayId: string, reason: string, onlyIfCreatedBefore: Date | null): Promise<GatewayKeyRotation | null> {
    // The id comes from a URL path; PostgreSQL refuses a NUL byte in text with an error (a 500 the
    // HTTP fuzz found), where no gateway can have one.
    if (gatewayId.includes('\u0000')) throw new GatewayKeyError('gateway/not-found', `No gateway ${JSON.stringify(gatewayId)}`);
    const next = await generateGatewayKeyPair();
    const wrapped = await this.kek.wrap(next.privateKey, gatewayKeyContext({ gatewayId, kid: next.kid }));
    next.privateKey.fill(0);
    return this.store.transaction(async (tx) => {
      if (!(await tx.lockGateway(gatewayId))) throw new GatewayKeyError('gateway/not-found', `No gateway ${gatewayId}`);
      const active = await tx.gatewayKey(gatewayId, 'active');
      // The schedule skips a gateway with no key yet: the simulated gateways get theirs at start.
      if (onlyIfCreatedBefore && (!active || active.createdAt >= onlyIfCreatedBefore)) return null;
      const previous = await tx.gatewayKey(gatewayId, 'previous');
      if (previous) await tx.retireGatewayKey(gatewayId, previous.kid);
      await tx.demoteActiveGatewayKey(gatewayId);
      await tx.insertActiveGatewayKey({ gatewayId, kid: next.kid, publicKey: next.publicKey, privateKeyWrapped: wrapped });
      const rotation: GatewayKeyRotation = { gatewayId, kid: next.kid, previousKid: active?.kid ?? null, retiredKid: previous?.kid ?? null };
      await tx.audit(keyAuditEntry(by, 'key.gateway-rotated', rotation.kid, { ...rotation, reason, kekId: wrapped.kekId }));
      return rotation;
    });
  }
}
