export { AREA_LIMITS, type AreaSize, assertAreaLimits, assertCountWithin } from './area-limits';
export { type AreaSpec, areasToGeometries, areaToGeometry, effectiveRadiusKm, MAX_CIRCLE_RADIUS_KM, MIN_CIRCLE_RADIUS_KM } from './area-spec';
export {
  BoundaryCatalog,
  type GeocodeScheme,
  type Municipality,
  type ResolvedArea,
} from './boundary-catalog';
export {
  type Calibration,
  loadCalibration,
  type OperatorModel,
  type RatMix,
  type TerrestrialOperator,
} from './calibration';
export { CellIndex, type IndexableCell, type IndexedCell } from './cell-index';
export type { CellKind, CellRecord, RadioAccessTechnology } from './cell-record';
export type { AreaGeometry, BBox, LonLat } from './geometry';
export { fenceGeometry, geofence, type FenceShape } from './geofence';
export { generateSatelliteGrid, type SatelliteGridOptions } from './satellite-grid';
export {
  type AreaReach,
  type RouteTargets,
  targetAreas,
  type TargetingOptions,
  type TargetingResult,
} from './target-areas';
export { seededRandom, type Random } from './seeded-random';
export { simplifyRing } from './simplify-ring';
export { TargetingError, type TargetingErrorCode } from './targeting-error';
export { generateTerrestrialInventory } from './terrestrial-inventory';
export {
  assertWithinJurisdiction,
  checkWithinJurisdiction,
  FAR_FROM_ITALY,
  FOREIGN_TERRITORY,
  JURISDICTION_TOLERANCE,
  type JurisdictionCheck,
  OPEN_SEA,
} from './check-within-jurisdiction';
export {
  type Jurisdiction,
  type JurisdictionCatalog,
  jurisdictionCatalog,
  jurisdictionContains,
  type JurisdictionLevel,
  NATIONAL_JURISDICTION_ID,
  provinceJurisdictionId,
  regionJurisdictionId,
} from './jurisdiction-catalog';
export { JurisdictionError, type JurisdictionErrorCode } from './jurisdiction-error';
export { CatalogJurisdictionGuard } from './jurisdiction-guard';
export { TERRITORIAL_SEA_KM } from './territory-index';
