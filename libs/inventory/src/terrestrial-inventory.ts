import type { Calibration, OperatorModel, RatMix } from './calibration';
import { mixSeed, type Random, seededRandom } from './seeded-random';
import { sectorWedge } from './sector-wedge';
import { Flatbush, type BoundaryCatalog, type Municipality, type CellRecord, type RadioAccessTechnology, type AreaGeometry, type BBox, geometryBBox, geometryContains, type LonLat, ringBBox, round6 } from '@faro/targeting';

const SECTORS = 3;
const PLACEMENT_ATTEMPTS = 30;
// Capacity sites cluster around the comune's inner point with this share of the radius of a
// disc of the comune's area as standard deviation; coverage sites spread over the whole polygon.
const URBAN_SPREAD = 0.5;
const RADIUS_NEIGHBOURS = 3;
const RADIUS_JITTER = 0.15;
// Neighbour search in degrees with longitude scaled by cos 42° (mid-Italy): ±7% at the ends of
// the country, enough to pick the nearest sites; distances themselves use the local cosine.
const LON_SCALE = Math.cos((42 * Math.PI) / 180);
const M_PER_DEG_LAT = 110574;
const M_PER_DEG_LON_EQUATOR = 111320;

interface Site {
  lon: number;
  lat: number;
  municipality: number;
  rat: RadioAccessTechnology;
  rng: Random;
}

/**
 * A synthetic, deterministic national inventory: sites per comune and network from population
 * (capacity, calibrated on the OpenCelliD Milan cells) and land area (coverage), three sectors
 * per site, sector reach from the spacing of the network's own sites nearby.
 * Same catalog, calibration and seed → the same cells in the same order.
 */
export function generateTerrestrialInventory(
  catalog: BoundaryCatalog,
  calibration: Calibration,
  seed: number,
): CellRecord[] {
  const { model } = calibration;
  const municipalities = catalog.municipalities();
  const cells: CellRecord[] = [];

  model.operators.forEach((operator, operatorIndex) => {
    const sites: Site[] = [];
    municipalities.forEach((municipality, index) => {
      const rng = seededRandom(mixSeed(seed, Number(municipality.code), operatorIndex));
      const count = siteCount(municipality, operator, calibration, rng);
      if (count === 0) return;
      const geometry = catalog.municipalityGeometry(index);
      const bbox = geometryBBox(geometry);
      const capacityShare = capacityShareOf(municipality, operator, calibration);
      const rat = ratMixFor(municipality, calibration);
      for (let s = 0; s < count; s++) {
        const [lon, lat] = placeSite(municipality, geometry, bbox, rng() < capacityShare, rng);
        sites.push({ lon, lat, municipality: index, rat: drawRat(rat, rng), rng });
      }
    });

    const radii = sectorRadii(sites, calibration);
    const slug = operator.name.toLowerCase();
    sites.forEach((site, siteIndex) => {
      // eNB/gNB ids count up from 1 per network; ECI = site id × 256 + local cell id (TS 36.413 §9.2.1.38).
      const enbId = siteIndex + 1;
      for (let sector = 0; sector < SECTORS; sector++) {
        const jitter = (site.rng() * 2 - 1) * model.azimuthJitterDeg;
        const azimuthDeg = (Math.round(((sector * 360) / SECTORS + jitter) * 10) / 10 + 360) % 360;
        const radiusM = Math.round(radii[siteIndex] * (1 + (site.rng() * 2 - 1) * RADIUS_JITTER));
        const coverage = sectorWedge([site.lon, site.lat], azimuthDeg, model.sectorHalfWidthDeg, radiusM);
        const eci = enbId * 256 + sector + 1;
        cells.push({
          id: `T-${model.mcc}-${operator.mnc}-${eci}`,
          kind: 'terrestrial',
          operator: operator.name,
          mcc: model.mcc,
          mnc: operator.mnc,
          rat: site.rat,
          routeId: `ter-${slug}`,
          gatewayId: `cbc-${slug}`,
          site: [site.lon, site.lat],
          azimuthDeg,
          radiusM,
          municipalityCode: municipalities[site.municipality].code,
          coverage,
          bbox: ringBBox(coverage.coordinates[0]),
        });
      }
    });
  });
  return cells;
}

function capacitySites(m: Municipality, op: OperatorModel, { model }: Calibration): number {
  const density = m.population / Math.max(m.areaKm2, 0.01);
  const damping = Math.min(1, (density / model.referenceResidentsPerKm2) ** model.capacityExponent);
  return m.population * model.sitesPerResident * damping * op.siteShare;
}

function coverageSites(m: Municipality, op: OperatorModel, { model }: Calibration): number {
  return (m.areaKm2 / model.ruralSiteAreaKm2) * op.ruralCoverage;
}

function capacityShareOf(m: Municipality, op: OperatorModel, calibration: Calibration): number {
  const capacity = capacitySites(m, op, calibration);
  const coverage = coverageSites(m, op, calibration);
  return capacity >= coverage ? 1 : capacity / coverage;
}

// Every comune where the network is present gets at least one site; expected counts are
// rounded stochastically so that the national total is unbiased.
function siteCount(m: Municipality, op: OperatorModel, calibration: Calibration, rng: Random): number {
  const presence =
    m.population >= op.presenceFullAtResidents
      ? 1
      : op.smallComunePresence + ((1 - op.smallComunePresence) * m.population) / op.presenceFullAtResidents;
  if (rng() >= presence) return 0;
  const expected = Math.max(capacitySites(m, op, calibration), coverageSites(m, op, calibration));
  const whole = Math.floor(expected);
  return Math.max(1, whole + (rng() < expected - whole ? 1 : 0));
}

function placeSite(
  m: Municipality,
  geometry: AreaGeometry,
  [minX, minY, maxX, maxY]: BBox,
  nearCentre: boolean,
  rng: Random,
): LonLat {
  const [cx, cy] = m.innerPoint;
  const mPerDegLon = M_PER_DEG_LON_EQUATOR * Math.cos((cy * Math.PI) / 180);
  const sigmaM = URBAN_SPREAD * Math.sqrt((m.areaKm2 * 1e6) / Math.PI);
  for (let attempt = 0; attempt < PLACEMENT_ATTEMPTS; attempt++) {
    let x: number;
    let y: number;
    if (nearCentre) {
      const [gx, gy] = gaussianPair(rng);
      x = cx + (gx * sigmaM) / mPerDegLon;
      y = cy + (gy * sigmaM) / M_PER_DEG_LAT;
    } else {
      x = minX + rng() * (maxX - minX);
      y = minY + rng() * (maxY - minY);
    }
    // Test the rounded point, the one that is kept.
    x = round6(x);
    y = round6(y);
    if (geometryContains(geometry, x, y)) return [x, y];
  }
  return [cx, cy];
}

// Box–Muller.
function gaussianPair(rng: Random): [number, number] {
  const r = Math.sqrt(-2 * Math.log(1 - rng()));
  const theta = 2 * Math.PI * rng();
  return [r * Math.cos(theta), r * Math.sin(theta)];
}

function ratMixFor(m: Municipality, { model }: Calibration): RatMix {
  const density = m.population / Math.max(m.areaKm2, 0.01);
  if (density >= model.urbanResidentsPerKm2) return model.ratMix.urban;
  if (density >= model.suburbanResidentsPerKm2) return model.ratMix.suburban;
  return model.ratMix.rural;
}

function drawRat(mix: RatMix, rng: Random): RadioAccessTechnology {
  const x = rng();
  if (x < mix.nr) return 'NR';
  if (x < mix.nr + mix.umts) return 'UMTS';
  if (x < mix.nr + mix.umts + mix.gsm) return 'GSM';
  return 'LTE';
}

// Sector reach from the network's own site spacing: radius = factor × mean distance to the
// nearest RADIUS_NEIGHBOURS sites, clamped to [minRadiusM, maxRadiusM]. The neighbours come
// from growing box searches (flatbush \`neighbors\` runs ~20× slower under Jest's VM).
function sectorRadii(sites: Site[], { model }: Calibration): Float64Array {
  const radii = new Float64Array(sites.length).fill(model.maxRadiusM);
  if (sites.length < 2) return radii;
  const index = new Flatbush(sites.length);
  for (const s of sites) index.add(s.lon * LON_SCALE, s.lat);
  index.finish();
  // Beyond this distance the radius is maxRadiusM whatever the neighbours.
  const farthest = model.maxRadiusM / model.radiusPerNeighbourDistance / M_PER_DEG_LAT;
  const nearest = new Float64Array(RADIUS_NEIGHBOURS);
  const nearestSite = new Int32Array(RADIUS_NEIGHBOURS);
  sites.forEach((site, i) => {
    const x = site.lon * LON_SCALE;
    const y = site.lat;
    let half = model.minRadiusM / M_PER_DEG_LAT;
    for (;;) {
      // The nearest sites found in the box (squared distance in the scaled degree plane); they
      // are the true nearest once the k-th lies within the box's half-width.
      nearest.fill(Infinity);
      nearestSite.fill(-1);
      for (const j of index.search(x - half, y - half, x + half, y + half)) {
        if (j === i) continue;
        const dx = sites[j].lon * LON_SCALE - x;
        const dy = sites[j].lat - y;
        let d = dx * dx + dy * dy;
        let at = j;
        for (let k = 0; k < RADIUS_NEIGHBOURS; k++) {
          if (d < nearest[k]) {
            [nearest[k], d] = [d, nearest[k]];
            [nearestSite[k], at] = [at, nearestSite[k]];
          }
        }
      }
      const kth = Math.sqrt(nearest[RADIUS_NEIGHBOURS - 1]);
      if (kth <= half || half >= farthest) break;
      half = Math.min(farthest, Number.isFinite(kth) ? kth : half * 4);
    }
    if (nearestSite[RADIUS_NEIGHBOURS - 1] < 0) return; // too few sites within reach: maxRadiusM
    const mPerDegLon = M_PER_DEG_LON_EQUATOR * Math.cos((site.lat * Math.PI) / 180);
    let sum = 0;
    for (const j of nearestSite) {
      sum += Math.hypot((sites[j].lon - site.lon) * mPerDegLon, (sites[j].lat - site.lat) * M_PER_DEG_LAT);
    }
    const mean = sum / RADIUS_NEIGHBOURS;
    radii[i] = Math.min(model.maxRadiusM, Math.max(model.minRadiusM, model.radiusPerNeighbourDistance * mean));
  });
  return radii;
}
