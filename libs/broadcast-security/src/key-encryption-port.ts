// Envelope encryption of secrets at rest (signing, gateway and group keys, sensor and TOTP
// secrets): the KMS port. The KEK never leaves the implementation: LocalKeyEncryption holds it in
// memory, an HSM or cloud KMS adapter would not (wrap = Encrypt, unwrap = Decrypt, rotate =
// ReEncrypt, with the context as encryption context).
export interface WrappedSecret {
  kekId: string;
  alg: 'A256GCM';
  iv: string;
  ciphertext: string;
  tag: string;
}

export interface KeyEncryptionPort {
  readonly kekId: string;
  // context is bound as associated data: a secret unwraps only under the context it was wrapped
  // for, e.g. 'signing-key:0000002a', so one row's wrapped key cannot be swapped into another.
  wrap(secret: Uint8Array, context: string): Promise<WrappedSecret>;
  unwrap(wrapped: WrappedSecret, context: string): Promise<Uint8Array>;
  // True when the secret is not wrapped under the current KEK and should be wrapped again.
  needsRewrap(wrapped: WrappedSecret): boolean;
  // The same secret wrapped under the current KEK, for the same context; the caller never sees
  // the secret, so a KMS can do it inside its boundary.
  rotate(wrapped: WrappedSecret, context: string): Promise<WrappedSecret>;
}
