export { SecurityError } from './security-error';
export type { SecurityErrorCode } from './security-error';
export { ed25519PublicKeyOf, signEd25519, verifyEd25519 } from './ed25519';
export { generateSigningKey, keyIdHex, signingJwk } from './signing-key';
export type { SigningJwk, SigningKeyMaterial } from './signing-key';
export type { KeyEncryptionPort, WrappedSecret } from './key-encryption-port';
export { LocalKeyEncryption } from './local-key-encryption';
export { KeyringKeyEncryption, keyEncryptionFromConfig } from './keyring-key-encryption';
export { broadcastAad } from './broadcast-aad';
export type { BroadcastAadFields } from './broadcast-aad';
export { gatewayKeyId, generateGatewayKeyPair, openAsGateway, sealForGateway } from './gateway-seal';
export { partsDigest } from './parts-digest';
export { SealReuse } from './seal-reuse';
export type { GatewayKeyPair, GatewayPublicKey, SealedBroadcast } from './gateway-seal';
export {
  GROUP_KEY_OCTETS,
  GROUP_MESSAGE_DCS,
  GROUP_NONCE_OCTETS,
  GROUP_STREAM_OVERHEAD,
  GROUP_TAG_OCTETS,
  groupMessageAad,
  MAX_GROUP_TEXT_OCTETS,
  MAX_GROUP_TEXT_PAGES,
  openGroupText,
  sealGroupText,
} from './group-message';
export type { GroupMessageFields, OpenedGroupText, OpenGroupTextInput, SealedGroupText, SealGroupTextInput } from './group-message';
export {
  GROUP_KEY_BUNDLE_VERSION,
  generateGroupKey,
  generateHandsetKeyPair,
  groupKeyBundleAad,
  openGroupKeyBundle,
  sealGroupKeyBundle,
} from './group-key-bundle';
export type { GroupKeyBundle, GroupKeyBundleHeader, HandsetKeyPair } from './group-key-bundle';
export { toBase64Url, fromBase64Url } from './base64url';
export { canonicalJson } from './canonical-json';
export { signDetachedJws, verifyDetachedJws } from './detached-jws';
export type { JwsSigner } from './detached-jws';
