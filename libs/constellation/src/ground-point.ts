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
// so these sites are fictional: one per macro-region and Malta, spaced so that a satellite over
// any part of Italy and its seas sees at least one of them.
export const DEFAULT_GATEWAYS: readonly Gateway[] = Object.freeze([
  { id: 'gw-lombardia', lon: 9.4, lat: 45.4, elevationMaskDeg: 25 },
  { id: 'gw-abruzzo', lon: 13.6, lat: 42.0, elevationMaskDeg: 25 },
  { id: 'gw-sardegna', lon: 9.0, lat: 39.3, elevationMaskDeg: 25 },
  { id: 'gw-puglia', lon: 17.2, lat: 40.6, elevationMaskDeg: 25 },
  { id: 'gw-sicilia', lon: 14.9, lat: 37.4, elevationMaskDeg: 25 },
  { id: 'gw-malta', lon: 14.4, lat: 35.9, elevationMaskDeg: 25 },
]);
