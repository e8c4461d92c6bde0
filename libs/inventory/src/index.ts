export {
  type Calibration,
  loadCalibration,
  type OperatorModel,
  type RatMix,
  type TerrestrialOperator,
} from './calibration';
export { generateSatelliteGrid, satelliteCellCentre, satelliteCells, type SatelliteGridOptions } from './satellite-grid';
export { seededRandom, type Random } from './seeded-random';
export { denserCalibration } from './denser-calibration';
export { generateTerrestrialInventory } from './terrestrial-inventory';
export { satelliteLookup } from './satellite-lookup';
