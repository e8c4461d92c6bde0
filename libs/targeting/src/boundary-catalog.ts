import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Flatbush } from './flatbush';
import type { Feature, FeatureCollection } from 'geojson';
import { type AreaGeometry, type BBox, type LonLat, geometryBBox } from './geometry';
import { TargetingError } from './targeting-error';

export type GeocodeScheme = 'ISTAT_REGION' | 'ISTAT_PROVINCE' | 'ISTAT_MUNICIPALITY' | 'DPC_ALERT_ZONE';

export interface Municipality {
  code: string; // ISTAT pro_com_t, 6 digits
  name: string;
  population: number; // ISTAT resident population 1 Jan 2025
  areaKm2: number;
  innerPoint: LonLat; // guaranteed inside the polygon (see data/italy-admin/SOURCE.md)
  provinceCode: string; // cod_prov, 3 digits
  regionCode: string; // cod_reg, 2 digits
  alertZone: string; // DPC zona_allerta, e.g. 'Sici-E'
}

export interface ResolvedArea {
  name: string;
  geometry: AreaGeometry;
}

interface ComuneProperties {
  pro_com_t: string;
  name: string;
  cod_prov: string;
  cod_reg: string;
  pop_2025: number;
  area_km2: number;
  inner_lon: number;
  inner_lat: number;
  zona_allerta: string;
}

const ISTAT_CODE = /^\d{1,6}$/;

/**
 * The ISTAT and DPC boundaries of data/italy-admin and data/alert-zones, read once.
 * Geometries are shared, not copied: callers must not mutate them.
 */
export class BoundaryCatalog {
  private readonly municipalityIndex: Flatbush;
  private readonly comuneBBoxes: BBox[];
  private members: Map<ResolvedArea, number[]> | null = null;

  private constructor(
    private readonly comuni: Municipality[],
    private readonly comuneGeometries: AreaGeometry[],
    private readonly byKey: Map<string, ResolvedArea>,
    private readonly italyGeometry: AreaGeometry,
  ) {
    this.municipalityIndex = new Flatbush(Math.max(1, comuneGeometries.length));
    this.comuneBBoxes = comuneGeometries.map((geometry) => geometryBBox(geometry));
    for (const [minX, minY, maxX, maxY] of this.comuneBBoxes) this.municipalityIndex.add(minX, minY, maxX, maxY);
    if (comuneGeometries.length === 0) this.municipalityIndex.add(0, 0, 0, 0);
    this.municipalityIndex.finish();
  }

  /** dataDir is the repository's data/ folder. */
  static load(dataDir: string): BoundaryCatalog {
    const read = <P>(...path: string[]) =>
      JSON.parse(readFileSync(join(dataDir, ...path), 'utf8')) as FeatureCollection<AreaGeometry, P>;

    const byKey = new Map<string, ResolvedArea>();
    const comuni: Municipality[] = [];
    const comuneGeometries: AreaGeometry[] = [];
    for (const { properties: p, geometry } of read<ComuneProperties>('italy-admin', 'comuni.geojson').features) {
      comuni.push({
        code: p.pro_com_t,
        name: p.name,
        population: p.pop_2025,
        areaKm2: p.area_km2,
        innerPoint: [p.inner_lon, p.inner_lat],
        provinceCode: p.cod_prov,
        regionCode: p.cod_reg,
        alertZone: p.zona_allerta,
      });
      comuneGeometries.push(geometry);
      byKey.set(key('ISTAT_MUNICIPALITY', p.pro_com_t), { name: p.name, geometry });
    }

    const provinces = read<{ cod_prov: string; cod_uts: string; name: string }>('italy-admin', 'province.geojson');
    for (const { properties: p, geometry } of provinces.features) {
      // CAP senders may use either the historical province code (087) or the UTS code of the
      // città metropolitana (287); the two sets do not overlap.
      const area = { name: p.name, geometry };
      byKey.set(key('ISTAT_PROVINCE', p.cod_prov), area);
      byKey.set(key('ISTAT_PROVINCE', p.cod_uts), area);
    }
    for (const { properties: p, geometry } of read<{ cod_reg: string; name: string }>('italy-admin', 'regioni.geojson')
      .features) {
      byKey.set(key('ISTAT_REGION', p.cod_reg), { name: p.name, geometry });
    }
    const zones = read<{ zona_codice: string; zona_nome: string }>('alert-zones', 'zone_allerta.geojson');
    for (const { properties: p, geometry } of zones.features) {
      byKey.set(key('DPC_ALERT_ZONE', p.zona_codice), { name: p.zona_nome, geometry });
    }

    const italy = read<unknown>('italy-admin', 'italia.geojson').features[0] as Feature<AreaGeometry>;
    return new BoundaryCatalog(comuni, comuneGeometries, byKey, italy.geometry);
  }

  resolve(scheme: GeocodeScheme, code: string): ResolvedArea {
    const found = this.byKey.get(key(scheme, code));
    if (!found) throw new TargetingError('targeting/unknown-geocode', `No ${scheme} area has code '${code}'`);
    return found;
  }

  municipalities(): readonly Municipality[] {
    return this.comuni;
  }

  /** Geometry of municipalities()[index]. */
  municipalityGeometry(index: number): AreaGeometry {
    return this.comuneGeometries[index];
  }

  /**
   * Indices into municipalities() of the comuni a territory is made of (its geometry is their
   * union: the boundary layers share their vertices), however its code is written (`9`, `09`).
   */
  membersOf(scheme: GeocodeScheme, code: string): readonly number[] {
    const area = this.resolve(scheme, code);
    if (!this.members) {
      // Each comune under the territories it belongs to, found as resolve() finds them: a
      // province is one area under its historical code (087) and its UTS code (287).
      this.members = new Map();
      this.comuni.forEach((m, i) => {
        for (const [of, own] of [['ISTAT_REGION', m.regionCode], ['ISTAT_PROVINCE', m.provinceCode], ['ISTAT_MUNICIPALITY', m.code], ['DPC_ALERT_ZONE', m.alertZone]] as const) {
          const territory = this.byKey.get(key(of, own));
          if (!territory) continue;
          const list = this.members!.get(territory);
          if (list) list.push(i);
          else this.members!.set(territory, [i]);
        }
      });
    }
    return this.members.get(area) ?? [];
  }

  /** Bounding box of municipalities()[index]. */
  municipalityBBox(index: number): BBox {
    return this.comuneBBoxes[index];
  }

  /** Indices into municipalities() whose bounding box overlaps bbox. */
  municipalitiesInBBox([minX, minY, maxX, maxY]: BBox): number[] {
    if (this.comuni.length === 0) return [];
    return this.municipalityIndex.search(minX, minY, maxX, maxY);
  }

  italy(): AreaGeometry {
    return this.italyGeometry;
  }
}

// ISTAT codes compare as numbers, so '19', '019' and '0019' name the same region;
// DPC zone codes compare without regard to case ('Sici-E', 'SICI-E').
function key(scheme: GeocodeScheme, code: string): string {
  const trimmed = code.trim();
  if (scheme === 'DPC_ALERT_ZONE') return `${scheme}:${trimmed.toLowerCase()}`;
  return ISTAT_CODE.test(trimmed) ? `${scheme}:${Number(trimmed)}` : `${scheme}:?${trimmed}`;
}
