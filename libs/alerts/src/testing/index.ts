// In-memory fakes and fixtures for unit specs, of this lib and of the libs built on it
// (`@faro/alerts/testing`, mapped for specs only by tsconfig.json and jest.config.js). No
// production file imports this.
export { ACIREALE, aDraft, anAlert, aSensor, aUser, CATANIA, fakeAudiences, fakeJurisdictions, FakeTargeter, fixedClock, MILANO, OPEN_SEA } from './alert-fixtures';
export { InMemoryAlertStore, isWithin } from './in-memory-alert-store';
export type { OutboxRow } from './in-memory-alert-store';
