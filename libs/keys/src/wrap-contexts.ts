import { keyIdHex } from '@faro/broadcast-security';

// The context every KEK-wrapped secret is bound to (KeyEncryptionPort: associated data), named for
// its row, so a wrapped secret copied into another row does not unwrap. The one place these are
// spelled: the stores that wrap and unwrap, the rewrap and the audit's checkpoint keys read them here.

export function signingKeyContext(keyId: number): string {
  return `signing-key:${keyIdHex(keyId)}`;
}

// Keys wrapped before gateway keys rotated (legacyContext) keep 'gateway-key:<gateway>'; later ones
// name their key id too. A row's context never changes.
export function gatewayKeyContext(key: { gatewayId: string; kid: string; legacyContext?: boolean }): string {
  return key.legacyContext ? `gateway-key:${key.gatewayId}` : `gateway-key:${key.gatewayId}:${key.kid}`;
}

export function groupKeyContext(keyId: number): string {
  return `group-key:${keyId}`;
}

export function sensorSecretContext(sensorId: string): string {
  return `sensor-secret:${sensorId}`;
}

export function totpSecretContext(userId: string): string {
  return `totp:${userId}`;
}

// The platform has one VAPID key pair (libs/push), so one context.
export const VAPID_KEY_CONTEXT = 'vapid-key';

// Whose secret a wrapped value is: what the rewrap needs to name its context.
export type WrappedSecretOwner =
  | { kind: 'signingKeys'; keyId: number }
  | { kind: 'gatewayKeys'; gatewayId: string; kid: string; legacyContext: boolean }
  | { kind: 'sensorSecrets'; secretId: string; sensorId: string }
  | { kind: 'totpSecrets'; userId: string }
  | { kind: 'groupKeys'; keyId: number }
  | { kind: 'vapidKeys'; id: number };

export type WrappedSecretKind = WrappedSecretOwner['kind'];

// In the order the rewrap goes through them (and reports its counts).
export const WRAPPED_SECRET_KINDS: readonly WrappedSecretKind[] = ['signingKeys', 'gatewayKeys', 'sensorSecrets', 'totpSecrets', 'groupKeys', 'vapidKeys'];

export function wrapContextOf(owner: WrappedSecretOwner): string {
  switch (owner.kind) {
    case 'signingKeys':
      return signingKeyContext(owner.keyId);
    case 'gatewayKeys':
      return gatewayKeyContext(owner);
    case 'sensorSecrets':
      return sensorSecretContext(owner.sensorId);
    case 'totpSecrets':
      return totpSecretContext(owner.userId);
    case 'groupKeys':
      return groupKeyContext(owner.keyId);
    case 'vapidKeys':
      return VAPID_KEY_CONTEXT;
  }
}
