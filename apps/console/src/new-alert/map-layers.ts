import { outerRings, type Rings } from './area-languages';

// The boundaries built into the console (apps/console/map-data.mts), fetched once per page load
// from Faro's own origin.

export interface BoundaryFeature {
  type: 'Feature';
  properties: { code: string; name: string; sigla?: string; region?: string; regions?: string };
  geometry: { type: string; coordinates: unknown };
}
export interface BoundaryCollection { type: 'FeatureCollection'; features: BoundaryFeature[] }
// [code, name, province sigla, province code, region code]
export type Comune = [string, string, string, string, string];

export interface MapLayers {
  regions: BoundaryCollection;
  provinces: BoundaryCollection;
  zones: BoundaryCollection;
  comuni: Comune[];
}

let loading: Promise<MapLayers> | null = null;

export function loadMapLayers(): Promise<MapLayers> {
  const get = async <T,>(name: string): Promise<T> => {
    const r = await fetch(`/map/${name}.json`, { credentials: 'same-origin' });
    if (!r.ok) throw new Error(`/map/${name}.json answered ${r.status}`);
    return (await r.json()) as T;
  };
  loading ??= Promise.all([get<BoundaryCollection>('regions'), get<BoundaryCollection>('provinces'), get<BoundaryCollection>('zones'), get<Comune[]>('comuni')]).then(([regions, provinces, zones, comuni]) => ({ regions, provinces, zones, comuni }));
  loading.catch(() => (loading = null));
  return loading;
}

// The territories whose languages an alert carries (area-languages.ts), as outlines.
export function languageTerritories(l: MapLayers): Record<string, Rings> {
  const rings = (c: BoundaryCollection, code: string) => c.features.filter((f) => f.properties.code === code).flatMap((f) => outerRings(f.geometry));
  return { 'province:021': rings(l.provinces, '021'), 'region:02': rings(l.regions, '02'), 'region:06': rings(l.regions, '06') };
}

export function featureFor(l: MapLayers, scheme: string, code: string): BoundaryFeature | undefined {
  const c = scheme === 'ISTAT_REGION' ? l.regions : scheme === 'ISTAT_PROVINCE' ? l.provinces : scheme === 'DPC_ALERT_ZONE' ? l.zones : null;
  return c?.features.find((f) => f.properties.code === code);
}
