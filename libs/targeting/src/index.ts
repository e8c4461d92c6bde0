export { AREA_LIMITS, type AreaSize, assertAreaLimits, assertCountWithin } from './area-limits';
export { type AreaSpec, areasToGeometries, areaToGeometry, effectiveRadiusKm, MAX_CIRCLE_RADIUS_KM, MIN_CIRCLE_RADIUS_KM } from './area-spec';
export {
  BoundaryCatalog,
  type GeocodeScheme,
  type Municipality,
  type ResolvedArea,
} from './boundary-catalog';
export { CellIndex, CellIndexBuilder, isAscending, type IndexableCell, type IndexedCell } from './cell-index';
export type { CellKind, CellRecord, RadioAccessTechnology } from './cell-record';
export {
  type AreaGeometry,
  type BBox,
  geometryBBox,
  geometryContains,
  geometryPolygons,
  type LonLat,
  ringBBox,
  round6,
} from './geometry';
export { geofences, type FenceShape } from './geofence';
export {
  type AreaReach,
  type RouteTargets,
  targetAreas,
  type TargetingOptions,
  type TargetingResult,
} from './target-areas';
export { simplifyRing } from './simplify-ring';
export { TargetingError, type TargetingErrorCode } from './targeting-error';

// The geometry kit libs/jurisdictions and libs/inventory build on: a spatial index, planar ring
// relations and the H3 raster that measures areas. Exported for them, not for apps.
export { Flatbush } from './flatbush';
export { type FlatRing, INSIDE, OUTSIDE, PARTIAL, type Relation } from './planar';
export { difference, rasterise, type RasterShape, resolutionFor } from './h3-raster';
export { PreparedArea } from './prepared-area';
