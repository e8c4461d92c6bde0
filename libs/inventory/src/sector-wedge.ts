import type { Polygon } from 'geojson';
import { type LonLat, round6 } from '@faro/targeting';

// Arc points per wedge: with the site twice (first and closing) the ring has 10 positions,
// enough to look like a sector and small enough to keep 200k of them in memory and in the DB.
const ARC_POINTS = 8;
const M_PER_DEG_LAT = 110574;
const M_PER_DEG_LON_EQUATOR = 111320;
const RAD = Math.PI / 180;

/**
 * A sector's coverage: the site and an arc of radiusM from azimuth − halfWidth to
 * azimuth + halfWidth (degrees clockwise from north). Local equirectangular offsets: at a few
 * km the error against the geodesic is far below the ~1e-6° rounding.
 */
export function sectorWedge(site: LonLat, azimuthDeg: number, halfWidthDeg: number, radiusM: number): Polygon {
  const [lon, lat] = site;
  const dLon = radiusM / (M_PER_DEG_LON_EQUATOR * Math.cos(lat * RAD));
  const dLat = radiusM / M_PER_DEG_LAT;
  // Counter-clockwise (RFC 7946) means decreasing bearing: walk the arc from right to left,
  // rotating the first bearing by a fixed step instead of calling sin/cos per point.
  const step = (2 * halfWidthDeg * RAD) / (ARC_POINTS - 1);
  const cosStep = Math.cos(step);
  const sinStep = Math.sin(step);
  let sin = Math.sin((azimuthDeg + halfWidthDeg) * RAD);
  let cos = Math.cos((azimuthDeg + halfWidthDeg) * RAD);
  const ring: LonLat[] = [[lon, lat]];
  for (let k = 0; k < ARC_POINTS; k++) {
    ring.push([round6(lon + dLon * sin), round6(lat + dLat * cos)]);
    [sin, cos] = [sin * cosStep - cos * sinStep, cos * cosStep + sin * sinStep];
  }
  ring.push([lon, lat]);
  return { type: 'Polygon', coordinates: [ring] };
}
