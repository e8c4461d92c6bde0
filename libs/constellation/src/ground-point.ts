// A place on the ground in degrees (WGS84) and kilometres above the ellipsoid.
export interface GroundPoint {
  lon: number;
  lat: number;
  heightKm?: number;
}

// An earth-fixed cell as the satellite channel sees it: its id and its centre.
export interface EarthFixedCell extends GroundPoint {
  id: string;
}

// A ground gateway (feeder-link station): it reaches a satellite only while that satellite is
// above its own elevation mask, usually higher than a handset's because of its antenna and
// the terrain around it.
export interface Gateway extends GroundPoint {
  id: string;
  elevationMaskDeg: number;
}

// No licensed source gives the coordinates of real NTN ground gateways in Italy (data/README.md),
// so these sites are fictional: one per macro-area (north, centre, south, the islands), spaced so
// that a satellite over any part of Italy and its seas sees at least one of them. They are the
// gateways the inventory routes satellite cells to and uplink-sim serves: one naming throughout.
export const DEFAULT_GATEWAYS: readonly Gateway[] = Object.freeze([
  { id: 'sat-nord', lon: 9.5, lat: 45.5, elevationMaskDeg: 25 },
  { id: 'sat-centro', lon: 12.5, lat: 42.5, elevationMaskDeg: 25 },
  { id: 'sat-sud', lon: 16.0, lat: 40.5, elevationMaskDeg: 25 },
  { id: 'sat-isole', lon: 11.0, lat: 38.0, elevationMaskDeg: 25 },
]);
