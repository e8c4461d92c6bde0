export { GatewayKeyError, KekRewrapError } from './key-error';
export type { KeyError, KeyErrorCode } from './key-error';
export type { KeyActor, KeyAuditEntry, KeyStore, KeyTransaction, StoredWrappedSecret } from './ports';
export { PLATFORM_KEY_ACTOR } from './key-audit';
export {
  gatewayKeyContext,
  groupKeyContext,
  sensorSecretContext,
  signingKeyContext,
  totpSecretContext,
  VAPID_KEY_CONTEXT,
  WRAPPED_SECRET_KINDS,
  wrapContextOf,
} from './wrap-contexts';
export type { WrappedSecretKind, WrappedSecretOwner } from './wrap-contexts';
export { RotateSigningKey } from './rotate-signing-key';
export type { SigningKeyRotation } from './rotate-signing-key';
export { RotateGatewayKey } from './rotate-gateway-key';
export type { GatewayKeyRotation } from './rotate-gateway-key';
export { RewrapSecrets } from './rewrap-secrets';
export type { KekRewrap, RewrapCounts } from './rewrap-secrets';
export { issueGroupKey } from './issue-group-key';
export type { GroupKeyTransaction, IssuedGroupKey, StoredGroupKey } from './issue-group-key';
