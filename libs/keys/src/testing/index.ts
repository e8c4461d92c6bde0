// In-memory fakes for unit specs, of this lib and of the libs built on it (`@faro/keys/testing`,
// mapped for specs only by tsconfig.json and jest.config.js). No production file imports this.
export { InMemoryKeyStore } from './in-memory-key-store';
export type { MemoryGatewayKey, MemorySigningKey } from './in-memory-key-store';
