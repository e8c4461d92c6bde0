import { assertWithinJurisdiction } from './check-within-jurisdiction';
import { territoryIndex } from './territory-index';
import { type AreaSpec, areasToGeometries, type BoundaryCatalog } from '@faro/targeting';

/**
 * Alert areas as drafted (polygons, circles, geocodes) checked against a jurisdiction: throws
 * jurisdiction/outside naming the part outside, jurisdiction/unknown, or targeting/* for an area
 * that cannot be drawn. The shape of the JurisdictionGuard port of libs/alerts.
 */
export class CatalogJurisdictionGuard {
  constructor(private readonly catalog: BoundaryCatalog) {
    // Built now (~0.2 s) rather than on the first alert drafted.
    territoryIndex(catalog);
  }

  async assertWithin(areas: AreaSpec[], jurisdictionId: string): Promise<void> {
    assertWithinJurisdiction(
      areasToGeometries(areas, this.catalog),
      jurisdictionId,
      this.catalog,
    );
  }
}
