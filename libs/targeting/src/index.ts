export { type AreaSpec, areaToGeometry } from './area-spec';
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
export { generateSatelliteGrid, type SatelliteGridOptions } from './satellite-grid';
export {
  type RouteTargets,
  targetAreas,
  type TargetingOptions,
  type TargetingResult,
} from './target-areas';
export { TargetingError, type TargetingErrorCode } from './targeting-error';
export { generateTerrestrialInventory } from './terrestrial-inventory';
