export const CONFIG = Symbol('FARO_CONFIG');
export const QUEUE_BACKEND = Symbol('QUEUE_BACKEND');
export const UPLINK = Symbol('UPLINK_PORT');
// The process's KEK keyring (FARO_KEK, FARO_KEK_PREVIOUS).
export const KEK = Symbol('KEK');
