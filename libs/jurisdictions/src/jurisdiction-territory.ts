import { type Jurisdiction, jurisdictionCatalog } from './jurisdiction-catalog';
import { TERRITORIAL_SEA_KM, type TerritoryIndex } from './territory-index';
import { type BoundaryCatalog, type AreaGeometry, type BBox, type RasterShape, type FlatRing, INSIDE, OUTSIDE, PARTIAL, type Relation, PreparedArea } from '@faro/targeting';

const KM_PER_DEGREE_LAT = 110.574;
const KM_PER_DEGREE_LON = 111.32;

/**
 * A jurisdiction's territory as a raster shape: its land, exactly, and the sea within
 * TERRITORIAL_SEA_KM that is nearer to its coast than to any other coast or to the land border
 * (for Italy as a whole: its land and the sea within TERRITORIAL_SEA_KM nearer to it than abroad).
 */
export class JurisdictionTerritory implements RasterShape {
  readonly bbox: BBox;
  private readonly land: PreparedArea;
  private readonly owns: (province: number) => boolean;
  // Geometries of the catalog known to lie within: the jurisdiction's own, its provinces', its comuni's.
  private readonly known: Set<AreaGeometry>;

  constructor(
    readonly jurisdiction: Jurisdiction,
    private readonly index: TerritoryIndex,
    catalog: BoundaryCatalog,
  ) {
    // The national jurisdiction has no boundary of its own: Italy's land, and the waters of
    // every province, bound it as a region's bound a region.
    const geocode = jurisdiction.geocode;
    this.land = geocode ? new PreparedArea(catalog.resolve(geocode.scheme, geocode.code).geometry) : index.italy;
    const mine = index.provinces.map((p) => !geocode || (geocode.scheme === 'ISTAT_REGION' ? p.regionCode === geocode.code : p.code === geocode.code));
    this.owns = (province) => province >= 0 && mine[province];
    this.known = new Set([this.land.geometry, ...index.provinces.filter((_, i) => mine[i]).map((p) => p.land.geometry)]);
    if (!geocode) {
      for (const region of jurisdictionCatalog(catalog).list()) {
        if (region.level === 'region' && region.geocode) this.known.add(catalog.resolve(region.geocode.scheme, region.geocode.code).geometry);
      }
    }
    catalog.municipalities().forEach((m, i) => {
      if (!geocode || (geocode.scheme === 'ISTAT_REGION' ? m.regionCode === geocode.code : m.provinceCode === geocode.code)) this.known.add(catalog.municipalityGeometry(i));
    });
    const [minX, minY, maxX, maxY] = this.land.bbox;
    const dLat = TERRITORIAL_SEA_KM / KM_PER_DEGREE_LAT;
    const dLon = TERRITORIAL_SEA_KM / (KM_PER_DEGREE_LON * Math.cos((Math.max(Math.abs(minY), Math.abs(maxY)) * Math.PI) / 180));
    this.bbox = [minX - dLon, minY - dLat, maxX + dLon, maxY + dLat];
  }

  /** Whether the geometry is one of the catalog's that lie within (the jurisdiction's own, one of its provinces or comuni). */
  holds(geometry: AreaGeometry): boolean {
    return this.known.has(geometry);
  }

  contains(x: number, y: number): boolean {
    const [minX, minY, maxX, maxY] = this.bbox;
    if (x < minX || x > maxX || y < minY || y > maxY) return false;
    if (this.land.contains(x, y)) return true;
    const place = this.index.placeAt(x, y);
    return place.kind === 'waters' && this.owns(place.province);
  }

  /**
   * Conservative: INSIDE or OUTSIDE only when every point of the ring is, PARTIAL otherwise.
   * The sea is decided from the ring's centre c and a radius r covering its box: every point is
   * within r of c, so its distance to a coast lies within r of the centre's.
   */
  relate(ring: FlatRing, box: BBox): Relation {
    const [minX, minY, maxX, maxY] = box;
    if (maxX < this.bbox[0] || minX > this.bbox[2] || maxY < this.bbox[1] || minY > this.bbox[3]) return OUTSIDE;
    const landRelation = this.land.relate(ring, box);
    if (landRelation === INSIDE) return INSIDE;
    const italyRelation = this.index.italy.relate(ring, box);
    if (italyRelation === INSIDE) return landRelation;

    const cx = (minX + maxX) / 2;
    const cy = (minY + maxY) / 2;
    const r = Math.hypot(
      ((maxX - minX) / 2) * KM_PER_DEGREE_LON * Math.cos((Math.min(Math.abs(minY), Math.abs(maxY)) * Math.PI) / 180),
      ((maxY - minY) / 2) * KM_PER_DEGREE_LAT,
    );
    // Other coasts farther than ours + 2r decide nothing: see the two tests below.
    const d = this.index.coastline.distances(cx, cy, TERRITORIAL_SEA_KM + r, this.owns, 2 * r);
    const seaOutside = d.ours - r > TERRITORIAL_SEA_KM || d.others + r < d.ours - r;
    if (seaOutside) return landRelation;
    const seaInside = d.ours + r <= TERRITORIAL_SEA_KM && d.ours + r < d.others - r;
    if (seaInside && (italyRelation === OUTSIDE || !this.touchesOtherLand(ring, box))) return INSIDE;
    return PARTIAL;
  }

  private touchesOtherLand(ring: FlatRing, box: BBox): boolean {
    for (const i of this.index.provincesNear(box)) {
      if (!this.owns(i) && this.index.provinces[i].land.relate(ring, box) !== OUTSIDE) return true;
    }
    return false;
  }
}

const territories = new WeakMap<TerritoryIndex, Map<string, JurisdictionTerritory>>();

export function jurisdictionTerritory(jurisdiction: Jurisdiction, index: TerritoryIndex, catalog: BoundaryCatalog): JurisdictionTerritory {
  let byId = territories.get(index);
  if (!byId) territories.set(index, (byId = new Map()));
  let territory = byId.get(jurisdiction.id);
  if (!territory) byId.set(jurisdiction.id, (territory = new JurisdictionTerritory(jurisdiction, index, catalog)));
  return territory;
}
