import { ABROAD, Coastline } from './coastline';
import { jurisdictionCatalog } from './jurisdiction-catalog';
import { type BoundaryCatalog, Flatbush, type BBox, PreparedArea } from '@faro/targeting';

// UNCLOS art. 3: the territorial sea extends up to 12 nautical miles (1,852 m each) from the coast.
export const TERRITORIAL_SEA_KM = 12 * 1.852;

export interface ProvinceTerritory {
  code: string;
  regionCode: string;
  land: PreparedArea;
}

/** Where a point lies: on a province's land, in the waters nearest to a province's coast, beyond them, or abroad. */
export type Place =
  | { kind: 'land'; province: number }
  | { kind: 'waters'; province: number }
  | { kind: 'open-sea' }
  | { kind: 'abroad' };

/**
 * The provinces' land and the coastline that shares the territorial sea between them, read once
 * per BoundaryCatalog: the sea within TERRITORIAL_SEA_KM of the coast belongs to the province
 * whose coast is nearest (its region's through it), so neighbours' waters meet on the line of
 * points equidistant from both coasts, as in UNCLOS art. 15 between states.
 */
export class TerritoryIndex {
  readonly provinces: ProvinceTerritory[];
  readonly italy: PreparedArea;
  readonly coastline: Coastline;
  private readonly provinceBoxes: Flatbush;
  private readonly provinceIndex = new Map<string, number>();

  constructor(catalog: BoundaryCatalog) {
    const jurisdictions = jurisdictionCatalog(catalog).list();
    this.provinces = jurisdictions
      .filter((j) => j.level === 'province')
      .map((j) => {
        const code = j.geocode!.code;
        const regionCode = jurisdictions.find((r) => r.id === j.parentId)!.geocode!.code;
        return { code, regionCode, land: new PreparedArea(catalog.resolve('ISTAT_PROVINCE', code).geometry) };
      });
    this.provinces.forEach((p, i) => this.provinceIndex.set(p.code, i));
    this.italy = new PreparedArea(catalog.italy());
    this.coastline = new Coastline(
      this.provinces.map((p) => p.land.geometry),
      catalog.italy(),
    );
    this.provinceBoxes = new Flatbush(Math.max(1, this.provinces.length));
    for (const p of this.provinces) this.provinceBoxes.add(...p.land.bbox);
    if (this.provinces.length === 0) this.provinceBoxes.add(0, 0, 0, 0);
    this.provinceBoxes.finish();
  }

  provinceNumber(code: string): number {
    return this.provinceIndex.get(code) ?? -1;
  }

  /** Indices of the provinces whose bbox overlaps bbox. */
  provincesNear([minX, minY, maxX, maxY]: BBox): number[] {
    return this.provinces.length === 0 ? [] : this.provinceBoxes.search(minX, minY, maxX, maxY);
  }

  /** The province whose land holds the point, or -1. */
  provinceAt(x: number, y: number): number {
    for (const i of this.provincesNear([x, y, x, y])) if (this.provinces[i].land.contains(x, y)) return i;
    return -1;
  }

  placeAt(x: number, y: number): Place {
    const province = this.provinceAt(x, y);
    if (province >= 0) return { kind: 'land', province };
    const coast = this.coastline.nearest(x, y, TERRITORIAL_SEA_KM);
    if (!coast) return { kind: 'open-sea' };
    return coast.owner === ABROAD ? { kind: 'abroad' } : { kind: 'waters', province: coast.owner };
  }
}

const indices = new WeakMap<BoundaryCatalog, TerritoryIndex>();

export function territoryIndex(catalog: BoundaryCatalog): TerritoryIndex {
  let index = indices.get(catalog);
  if (!index) {
    index = new TerritoryIndex(catalog);
    indices.set(catalog, index);
  }
  return index;
}
