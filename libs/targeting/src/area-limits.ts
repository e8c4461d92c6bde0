import { TargetingError } from './targeting-error';

// How much geometry one alert may carry (docs/cap-and-targeting.md, "Limits"). Checked as the
// areas are read, before anything is computed: a polygon of 100,000 points once took the API
// minutes. 10,000 vertices draw a comune's border at ~10 m and a region's at ~100 m, finer than
// the ~100 m boundaries Faro itself holds (data/italy-admin/SOURCE.md); a WEA/CBS geofence carries
// 40 (libs/persistence inventory-index.ts).
export const AREA_LIMITS = {
  /** Positions in one polygon (JSON `coordinates`, CAP `<polygon>` pairs), the closing one included. */
  verticesPerPolygon: 10_000,
  /** Positions over every polygon of one alert. */
  verticesPerAlert: 50_000,
  /** Areas of one alert: JSON `areas`, or the polygons, circles and known geocodes of a CAP <info>. */
  areasPerAlert: 100,
  /** `<area>` elements of one CAP `<info>`. */
  capAreasPerInfo: 100,
  /** `<polygon>`, `<circle>` and `<geocode>` elements, each, of one CAP `<area>`. */
  shapesPerCapArea: 100,
} as const;

/** One area as given: where (`/areas/3/coordinates`, `alert/info[0]/area[2]/polygon[0]`) and its positions (0 for a circle or geocode). */
export interface AreaSize {
  pointer: string;
  vertices: number;
}

/**
 * Throws targeting/area-over-limit naming the first element beyond AREA_LIMITS: the polygon with
 * too many vertices, the area past the count allowed, or the polygon that takes the alert past
 * its total.
 */
export function assertAreaLimits(areas: AreaSize[]): void {
  let total = 0;
  areas.forEach((area, i) => {
    if (i >= AREA_LIMITS.areasPerAlert) {
      throw overLimit(area.pointer, `an alert may have at most ${AREA_LIMITS.areasPerAlert} areas; this is area ${i + 1}`);
    }
    if (area.vertices > AREA_LIMITS.verticesPerPolygon) {
      throw overLimit(area.pointer, `a polygon may have at most ${AREA_LIMITS.verticesPerPolygon} positions, this one has ${area.vertices}`);
    }
    total += area.vertices;
    if (total > AREA_LIMITS.verticesPerAlert) {
      throw overLimit(area.pointer, `an alert's polygons may have at most ${AREA_LIMITS.verticesPerAlert} positions in all; this polygon takes them to ${total}`);
    }
  });
}

/** Throws targeting/area-over-limit at `pointer` when `count` elements exceed `max`, naming the first one beyond. */
export function assertCountWithin(count: number, max: number, pointerOfItem: (i: number) => string, what: string): void {
  if (count > max) throw overLimit(pointerOfItem(max), `at most ${max} ${what}, found ${count}`);
}

function overLimit(pointer: string, message: string): TargetingError {
  return new TargetingError('targeting/area-over-limit', `${pointer}: ${message}`, undefined, pointer);
}
