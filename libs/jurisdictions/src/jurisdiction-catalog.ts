import { JurisdictionError } from './jurisdiction-error';
import { type BoundaryCatalog } from '@faro/targeting';

export type JurisdictionLevel = 'national' | 'region' | 'province';

export interface Jurisdiction {
  /** 'IT', 'IT-R<ISTAT region code, 2 digits>' or 'IT-P<ISTAT province code, 3 digits>'. */
  id: string;
  name: string;
  level: JurisdictionLevel;
  parentId: string | null;
  /** The boundary in the BoundaryCatalog; null for the national jurisdiction, which has none. */
  geocode: { scheme: 'ISTAT_REGION' | 'ISTAT_PROVINCE'; code: string } | null;
}

export const NATIONAL_JURISDICTION_ID = 'IT';

export interface JurisdictionCatalog {
  /** The national jurisdiction, then the regions, then the provinces, each by ISTAT code: parents first. */
  list(): readonly Jurisdiction[];
  /** Throws jurisdiction/unknown. */
  get(id: string): Jurisdiction;
  has(id: string): boolean;
  /** The jurisdictions directly below: IT's regions, a region's provinces. */
  children(id: string): readonly Jurisdiction[];
}

export function regionJurisdictionId(regionCode: string): string {
  return `IT-R${regionCode.padStart(2, '0')}`;
}

export function provinceJurisdictionId(provinceCode: string): string {
  return `IT-P${provinceCode.padStart(3, '0')}`;
}

const catalogs = new WeakMap<BoundaryCatalog, JurisdictionCatalog>();

/**
 * Italy, its 20 regions and 107 provinces (ISTAT province codes, not the UTS codes of the città
 * metropolitane), with the names of data/italy-admin; a province's parent is its region, a
 * region's is IT. Built once per BoundaryCatalog.
 */
export function jurisdictionCatalog(catalog: BoundaryCatalog): JurisdictionCatalog {
  let built = catalogs.get(catalog);
  if (!built) {
    built = buildCatalog(catalog);
    catalogs.set(catalog, built);
  }
  return built;
}

/**
 * Whether `childId` is `parentId` or lies within it: IT holds every region and province, a region
 * its provinces. Both ids must be known (jurisdiction/unknown otherwise).
 */
export function jurisdictionContains(parentId: string, childId: string, catalog: BoundaryCatalog): boolean {
  const jurisdictions = jurisdictionCatalog(catalog);
  const parent = jurisdictions.get(parentId);
  for (let j: Jurisdiction | null = jurisdictions.get(childId); j; j = j.parentId ? jurisdictions.get(j.parentId) : null) {
    if (j.id === parent.id) return true;
  }
  return false;
}

function buildCatalog(catalog: BoundaryCatalog): JurisdictionCatalog {
  const regionOfProvince = new Map<string, string>();
  for (const m of catalog.municipalities()) regionOfProvince.set(m.provinceCode, m.regionCode);
  const regionCodes = [...new Set(regionOfProvince.values())].sort();
  const provinceCodes = [...regionOfProvince.keys()].sort();

  const list: Jurisdiction[] = [{ id: NATIONAL_JURISDICTION_ID, name: 'Italia', level: 'national', parentId: null, geocode: null }];
  for (const code of regionCodes) {
    list.push({
      id: regionJurisdictionId(code),
      name: catalog.resolve('ISTAT_REGION', code).name,
      level: 'region',
      parentId: NATIONAL_JURISDICTION_ID,
      geocode: { scheme: 'ISTAT_REGION', code },
    });
  }
  for (const code of provinceCodes) {
    list.push({
      id: provinceJurisdictionId(code),
      name: catalog.resolve('ISTAT_PROVINCE', code).name,
      level: 'province',
      parentId: regionJurisdictionId(regionOfProvince.get(code)!),
      geocode: { scheme: 'ISTAT_PROVINCE', code },
    });
  }
  const byId = new Map(list.map((j) => [j.id, j]));
  const children = new Map<string, Jurisdiction[]>();
  for (const j of list) if (j.parentId) (children.get(j.parentId) ?? children.set(j.parentId, []).get(j.parentId)!).push(j);

  return {
    list: () => list,
    has: (id) => byId.has(id),
    get(id) {
      const found = byId.get(id);
      if (!found) {
        throw new JurisdictionError(
          'jurisdiction/unknown',
          `No jurisdiction '${id}': use IT, IT-R<2-digit ISTAT region code> or IT-P<3-digit ISTAT province code>`,
        );
      }
      return found;
    },
    children: (id) => children.get(id) ?? [],
  };
}
