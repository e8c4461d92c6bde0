import { jurisdictionCatalog, jurisdictionContains, NATIONAL_JURISDICTION_ID } from '@faro/jurisdictions';
import type { BoundaryCatalog } from '@faro/targeting';
import type { TerritoryPort } from './report-facts';

// An auditor's territory from the jurisdictions Faro ships (libs/targeting): their own and every
// jurisdiction within it. An unknown jurisdiction sees nothing.
export function catalogTerritory(catalog: BoundaryCatalog): TerritoryPort {
  const all = jurisdictionCatalog(catalog).list();
  return {
    within(jurisdictionId) {
      if (!all.some((j) => j.id === jurisdictionId)) return { ids: [], national: false };
      return { ids: all.filter((j) => jurisdictionContains(jurisdictionId, j.id, catalog)).map((j) => j.id), national: jurisdictionId === NATIONAL_JURISDICTION_ID };
    },
  };
}
