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
