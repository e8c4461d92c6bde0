import type { Provider } from '@nestjs/common';
import { AudienceAdministration } from '@faro/audiences';
import type { KeyEncryptionPort } from '@faro/broadcast-security';
import type { FaroConfig } from '@faro/config';
import { systemClock } from '@faro/identity';
import { RotateGatewayKey, RotateSigningKey } from '@faro/keys';
import { Database, SqlAudienceStore, SqlKeyStore } from '@faro/persistence';
import { KEY_ROTATION_TASKS, type KeyRotationTask } from './key-rotation-check';
import { CONFIG, KEK } from './tokens';

// The broadcast signing key, once the active one is SIGNING_KEY_MAX_AGE_DAYS old.
export function signingKeyRotation(ds: Database, kek: KeyEncryptionPort, maxAgeDays: number): KeyRotationTask {
  const rotate = new RotateSigningKey(new SqlKeyStore(ds), kek, systemClock);
  return {
    name: 'signing key',
    async rotateDue() {
      const r = await rotate.runIfDue(maxAgeDays);
      return r ? [`${r.kid} active, ${r.previousKid ?? 'none'} previous, ${r.retiredKid ?? 'none'} retired`] : [];
    },
  };
}

// Each gateway's sealing key, once its active one is GATEWAY_KEY_MAX_AGE_DAYS old.
export function gatewayKeyRotation(ds: Database, kek: KeyEncryptionPort, maxAgeDays: number): KeyRotationTask {
  const rotate = new RotateGatewayKey(new SqlKeyStore(ds), kek, systemClock);
  return {
    name: 'gateway keys',
    async rotateDue() {
      const rotations = await rotate.runIfDue(maxAgeDays);
      return rotations.map((r) => `gateway ${r.gatewayId}: ${r.kid} active, ${r.previousKid ?? 'none'} previous, ${r.retiredKid ?? 'none'} retired`);
    },
  };
}

// Each restricted-audience group's content key, once its active one is GROUP_KEY_MAX_AGE_DAYS old;
// bundles of the new key go to the current members.
export function groupKeyRotation(ds: Database, kek: KeyEncryptionPort, maxAgeDays: number): KeyRotationTask {
  // The schedule acts for the platform; no jurisdiction check applies to it.
  const admin = new AudienceAdministration(new SqlAudienceStore(ds), kek, () => true, systemClock);
  const system = { kind: 'system' as const, id: 'keys', name: 'key rotation', roles: [], jurisdictionId: 'IT' };
  return {
    name: 'group keys',
    async rotateDue() {
      const rotations = await admin.rotateDueGroupKeys(system, maxAgeDays);
      return rotations.map((r) => `group ${r.groupId}: key ${r.keyId} active, ${r.previousKeyId ?? 'none'} retired, ${r.bundles} bundle(s)`);
    },
  };
}

// Every key the worker rotates on a schedule: a new kind of key is one more entry.
export const keyRotationTasksProvider: Provider = {
  provide: KEY_ROTATION_TASKS,
  inject: [Database, KEK, CONFIG],
  useFactory: (ds: Database, kek: KeyEncryptionPort, c: FaroConfig): KeyRotationTask[] => [
    signingKeyRotation(ds, kek, c.SIGNING_KEY_MAX_AGE_DAYS),
    gatewayKeyRotation(ds, kek, c.GATEWAY_KEY_MAX_AGE_DAYS),
    groupKeyRotation(ds, kek, c.GROUP_KEY_MAX_AGE_DAYS),
  ],
};
