import { area as geodesicArea } from '@turf/turf';
import { cellToLatLng, cellsToMultiPolygon, cellToParent } from 'h3-js';
import { type Jurisdiction, jurisdictionCatalog, provinceJurisdictionId, regionJurisdictionId } from './jurisdiction-catalog';
import { JurisdictionError } from './jurisdiction-error';
import { jurisdictionTerritory } from './jurisdiction-territory';
import { type TerritoryIndex, territoryIndex } from './territory-index';
import { type BoundaryCatalog, type AreaGeometry, difference, rasterise, resolutionFor, PreparedArea, TargetingError } from '@faro/targeting';

export type JurisdictionCheck =
  | { inside: true }
  | {
      inside: false;
      /** The first area (0-based) found outside. */
      areaIndex: number;
      /** The part of the areas outside the jurisdiction, summed over the areas refused. */
      outsideKm2: number;
      /** Where it lies: the union of the H3 cells sampled outside (see JURISDICTION_TOLERANCE). */
      outside: AreaGeometry | null;
      /** Where the outside part falls, most first: regions (for a region) or provinces (for a
       * province) by land or coastal waters, 'open sea', 'foreign territory'. */
      touches: string[];
      /** E.g. "area 1 extends 37.2 km² outside Sicilia, into Calabria". */
      message: string;
    };

// An area may spill over its jurisdiction by this much and still count as inside. The boundaries
// are simplified to ~100 m (data/italy-admin/SOURCE.md), so a polygon traced along a land border
// leaves slivers on the other side of about border length × 100 m; the measure itself samples H3
// cell centres, whose error is about perimeter × cell edge / 4 on average.
export const JURISDICTION_TOLERANCE = { km2: 0.5, shareOfArea: 0.01 };

// Cells sampled per area: a region-sized area is measured at H3 resolution 7 (edge ~1.2 km), a
// province at 8, a comune at 10–11; far finer than the tolerance needs, since sampling errors on
// either side of a boundary cancel. Cells wholly inside or outside are decided whole, so the work
// follows the boundaries, not the area.
const MAX_CHECK_HEXES = 25_000;
// The part outside is drawn with about this many cells, and placed from at most MAX_PLACE_SAMPLES.
const MAX_PLACE_HEXES = 5_000;
const MAX_PLACE_SAMPLES = 2_000;
const MAX_OUTLINE_HEXES = 20_000;

export const OPEN_SEA = 'open sea';
export const FOREIGN_TERRITORY = 'foreign territory';
// Beyond this margin around Italy's bbox the data cannot tell land from sea: a point there is
// named for what it is to an Italian jurisdiction (California is not "open sea").
export const FAR_FROM_ITALY = 'places far from Italy';
const NEAR_ITALY_DEGREES = 3;

/**
 * Whether every area lies within the jurisdiction: its land and its coastal waters (the sea
 * within 12 nautical miles that is nearer its coast than any other, see TerritoryIndex). The
 * national jurisdiction is bounded the same way, by Italy's land and territorial sea. Each area
 * is judged alone, so the message can name it; outsideKm2 counts twice what two refused areas share.
 */
export function checkWithinJurisdiction(areas: AreaGeometry[], jurisdictionId: string, catalog: BoundaryCatalog): JurisdictionCheck {
  const jurisdiction = jurisdictionCatalog(catalog).get(jurisdictionId);
  for (const area of areas) {
    const type = (area as { type?: unknown } | null)?.type;
    if (type !== 'Polygon' && type !== 'MultiPolygon') {
      throw new TargetingError('targeting/invalid-area', `Not a Polygon or MultiPolygon: ${String(type)}`, areas.indexOf(area));
    }
  }
  const index = territoryIndex(catalog);
  const territory = jurisdictionTerritory(jurisdiction, index, catalog);
  const refused: Array<{ number: number; km2: number; hexes: string[]; resolution: number }> = [];
  areas.forEach((area, i) => {
    if (territory.holds(area)) return;
    const areaKm2 = geodesicArea(area) / 1e6;
    const outsideShape = difference(new PreparedArea(area), territory);
    const outside = rasterise(outsideShape, resolutionFor(areaKm2, MAX_CHECK_HEXES), false);
    const tolerance = Math.max(JURISDICTION_TOLERANCE.km2, JURISDICTION_TOLERANCE.shareOfArea * areaKm2);
    if (outside.areaKm2 <= tolerance) return;
    // Where it lies is drawn again, coarser: a few thousand cells name the places and draw the
    // outline. A sliver thinner than the coarser cells is drawn at the measuring resolution.
    let resolution = Math.max(0, Math.min(outside.resolution - 1, resolutionFor(outside.areaKm2, MAX_PLACE_HEXES)));
    let drawn = rasterise(outsideShape, resolution, true);
    if (drawn.count === 0) drawn = rasterise(outsideShape, (resolution = outside.resolution), true);
    refused.push({ number: i + 1, km2: outside.areaKm2, hexes: drawn.hexes, resolution });
  });
  if (refused.length === 0) return { inside: true };

  const touches = new Map<string, number>();
  const parts: string[] = [];
  const polygons: number[][][][] = [];
  for (const r of refused) {
    const places = placesOf(r.hexes, r.km2, jurisdiction, index, catalog);
    for (const [name, km2] of places) touches.set(name, (touches.get(name) ?? 0) + km2);
    parts.push(`area ${r.number} extends ${r.km2.toFixed(1)} km² outside ${jurisdiction.name}, into ${listed([...places.keys()])}`);
    polygons.push(...outline(r.hexes, r.resolution));
  }
  return {
    inside: false,
    areaIndex: refused[0].number - 1,
    outsideKm2: Math.round(refused.reduce((sum, r) => sum + r.km2, 0) * 1000) / 1000,
    outside: polygons.length > 0 ? { type: 'MultiPolygon', coordinates: polygons } : null,
    touches: [...touches.entries()].sort((a, b) => b[1] - a[1]).map(([name]) => name),
    message: parts.join('; '),
  };
}

/** As checkWithinJurisdiction, throwing jurisdiction/outside with its message. */
export function assertWithinJurisdiction(areas: AreaGeometry[], jurisdictionId: string, catalog: BoundaryCatalog): void {
  const check = checkWithinJurisdiction(areas, jurisdictionId, catalog);
  if (!check.inside) throw new JurisdictionError('jurisdiction/outside', check.message, check.areaIndex);
}

// Where the sampled cells outside lie, by name, with the km² each name accounts for, most first.
function placesOf(hexes: string[], km2: number, jurisdiction: Jurisdiction, index: TerritoryIndex, catalog: BoundaryCatalog): Map<string, number> {
  const jurisdictions = jurisdictionCatalog(catalog);
  const nameOf = (province: number) => {
    const p = index.provinces[province];
    return jurisdiction.level === 'province'
      ? jurisdictions.get(provinceJurisdictionId(p.code)).name
      : jurisdictions.get(regionJurisdictionId(p.regionCode)).name;
  };
  const stride = Math.max(1, Math.ceil(hexes.length / MAX_PLACE_SAMPLES));
  const samples = Math.ceil(hexes.length / stride);
  const counts = new Map<string, number>();
  for (let i = 0; i < hexes.length; i += stride) {
    const [lat, lon] = cellToLatLng(hexes[i]);
    const place = index.placeAt(lon, lat);
    const name =
      place.kind === 'land' || place.kind === 'waters'
        ? nameOf(place.province)
        : place.kind === 'abroad'
          ? FOREIGN_TERRITORY
          : nearItaly(lon, lat, index)
            ? OPEN_SEA
            : FAR_FROM_ITALY;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return new Map([...counts.entries()].sort((a, b) => b[1] - a[1]).map(([name, n]) => [name, (km2 * n) / samples]));
}

function nearItaly(lon: number, lat: number, index: TerritoryIndex): boolean {
  const [minX, minY, maxX, maxY] = index.italy.bbox;
  const m = NEAR_ITALY_DEGREES;
  return lon >= minX - m && lon <= maxX + m && lat >= minY - m && lat <= maxY + m;
}

function listed(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

// The union of the cells outside; past MAX_OUTLINE_HEXES it is drawn from their parents, which
// grows it by up to a parent cell along its edge.
function outline(hexes: string[], resolution: number): number[][][][] {
  let cells = hexes;
  let res = resolution;
  while (cells.length > MAX_OUTLINE_HEXES && res > 0) {
    res--;
    cells = [...new Set(cells.map((h) => cellToParent(h, res)))];
  }
  return cells.length === 0 ? [] : cellsToMultiPolygon(cells, true);
}
