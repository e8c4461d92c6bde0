// Injection tokens for values that are not classes.
export const CONFIG = Symbol('FARO_CONFIG');
export const RELEASE_POLICY = Symbol('RELEASE_POLICY');
export const JURISDICTION_GUARD = Symbol('JURISDICTION_GUARD');
// The process's KEK keyring (FARO_KEK, FARO_KEK_PREVIOUS).
export const KEK = Symbol('KEK');
