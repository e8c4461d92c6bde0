// Which languages an alert carries beyond Italian and English: German where the area touches
// Alto Adige/Südtirol (province 021), French for Valle d'Aosta (region 02), Slovenian for
// Friuli Venezia Giulia (region 06), the territories where those languages are official.

export type Position = [number, number]; // [lon, lat]
export type Rings = Position[][]; // outer rings of a shape's polygons (holes ignored: a touch test)

export const LANGUAGE_TERRITORIES = [
  { language: 'de', scheme: 'province', code: '021' },
  { language: 'fr', scheme: 'region', code: '02' },
  { language: 'sl', scheme: 'region', code: '06' },
] as const;

export type RegionalLanguage = (typeof LANGUAGE_TERRITORIES)[number]['language'];

// An area as the console knows it: a shape (drawn, or a picked boundary's outline), or only
// the codes of the province and region it lies in (a comune, picked by name from a list).
export type AreaFootprint = { rings: Rings } | { province: string; region: string };

export function regionalLanguages(areas: AreaFootprint[], territories: Record<string, Rings>): RegionalLanguage[] {
  return LANGUAGE_TERRITORIES.filter(({ scheme, code }) =>
    areas.some((a) => ('rings' in a ? touches(a.rings, territories[`${scheme}:${code}`] ?? []) : (scheme === 'province' ? a.province : a.region) === code)),
  ).map((t) => t.language);
}

// Two shapes touch when their boxes meet and a vertex of one lies in the other. A crossing of
// edges with no vertex inside either is missed; at the scale of a province that is a sliver,
// and the author can still add a language by hand.
export function touches(a: Rings, b: Rings): boolean {
  if (a.length === 0 || b.length === 0 || !boxesMeet(box(a), box(b))) return false;
  return a.some((ra) => ra.some((p) => b.some((rb) => inRing(p, rb)))) || b.some((rb) => rb.some((p) => a.some((ra) => inRing(p, ra))));
}

// A circle as a 48-sided polygon: close enough to test which territories it touches.
export function circleRing(center: Position, radiusKm: number): Position[] {
  const [lon, lat] = center;
  const dLat = radiusKm / 111.32;
  const dLon = radiusKm / (111.32 * Math.cos((lat * Math.PI) / 180));
  const ring: Position[] = [];
  for (let i = 0; i <= 48; i++) {
    const a = (i / 48) * 2 * Math.PI;
    ring.push([lon + dLon * Math.cos(a), lat + dLat * Math.sin(a)]);
  }
  return ring;
}

type Box = [number, number, number, number];

function box(rings: Rings): Box {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const r of rings) for (const [x, y] of r) (minX = Math.min(minX, x)), (minY = Math.min(minY, y)), (maxX = Math.max(maxX, x)), (maxY = Math.max(maxY, y));
  return [minX, minY, maxX, maxY];
}

function boxesMeet(a: Box, b: Box): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

// Ray casting (even-odd).
function inRing([x, y]: Position, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

// The outer rings of a GeoJSON Polygon or MultiPolygon.
export function outerRings(geometry: { type: string; coordinates: unknown }): Rings {
  if (geometry.type === 'Polygon') return [(geometry.coordinates as Position[][])[0]];
  if (geometry.type === 'MultiPolygon') return (geometry.coordinates as Position[][][]).map((p) => p[0]);
  return [];
}
