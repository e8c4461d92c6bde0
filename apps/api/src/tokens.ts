// Injection tokens for values that are not classes.
export const CONFIG = Symbol('FARO_CONFIG');
export const RELEASE_POLICY = Symbol('RELEASE_POLICY');
export const JURISDICTION_GUARD = Symbol('JURISDICTION_GUARD');
// (parentId, childId) => whether childId is parentId or lies within it.
export const JURISDICTION_CONTAINS = Symbol('JURISDICTION_CONTAINS');
// The process's KEK keyring (FARO_KEK, FARO_KEK_PREVIOUS).
export const KEK = Symbol('KEK');
