import type { Gateway } from '../ground-point';

// The fixed sites the constellation's specs were checked against satellite.js with: one per
// macro-region and Malta. Kept apart from DEFAULT_GATEWAYS so that the recorded hand-overs stay
// a test of the scheduler, not of which gateways the product happens to configure.
export const SIX_SITES: readonly Gateway[] = Object.freeze([
  { id: 'gw-lombardia', lon: 9.4, lat: 45.4, elevationMaskDeg: 25 },
  { id: 'gw-abruzzo', lon: 13.6, lat: 42.0, elevationMaskDeg: 25 },
  { id: 'gw-sardegna', lon: 9.0, lat: 39.3, elevationMaskDeg: 25 },
  { id: 'gw-puglia', lon: 17.2, lat: 40.6, elevationMaskDeg: 25 },
  { id: 'gw-sicilia', lon: 14.9, lat: 37.4, elevationMaskDeg: 25 },
  { id: 'gw-malta', lon: 14.4, lat: 35.9, elevationMaskDeg: 25 },
]);
