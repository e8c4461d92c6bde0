import type { MultiPolygon, Polygon } from 'geojson';

/** Longitude, latitude in WGS84 degrees (GeoJSON order). */
export type LonLat = [number, number];

export type AreaGeometry = Polygon | MultiPolygon;

/** minLon, minLat, maxLon, maxLat */
export type BBox = [number, number, number, number];

export function geometryPolygons(geometry: AreaGeometry): number[][][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

export function geometryBBox(geometry: AreaGeometry): BBox {
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of geometryPolygons(geometry)) {
    const [minX, minY, maxX, maxY] = ringBBox(polygon[0]);
    if (minX < box[0]) box[0] = minX;
    if (minY < box[1]) box[1] = minY;
    if (maxX > box[2]) box[2] = maxX;
    if (maxY > box[3]) box[3] = maxY;
  }
  return box;
}

export function ringBBox(ring: number[][]): BBox {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of ring) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}

/** Rounds a coordinate to 1e-6° (~0.1 m), the precision cells are stored with. */
export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** Even-odd point in polygon over every ring of the geometry (holes and parts included). */
export function geometryContains(geometry: AreaGeometry, x: number, y: number): boolean {
  let inside = false;
  for (const polygon of geometryPolygons(geometry)) {
    for (const ring of polygon) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i];
        const [xj, yj] = ring[j];
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
  }
  return inside;
}
