// Derives data/cell-towers/calibration.json from the OpenCelliD Milan LTE cells.
// The output is a derivative of CC BY-SA 4.0 data and therefore CC BY-SA 4.0 itself.
//
//   npx swc libs -d dist --strip-leading-paths --quiet \
//     && node dist/inventory/scripts/calibrate-from-milan.js data
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { area as turfArea, bboxClip, feature } from '@turf/turf';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { BBox } from '@faro/targeting';
import type { Calibration, OperatorModel, TerrestrialOperator } from '../src/calibration';

// Cells of one eNB within this distance of each other are taken to be one site: OpenCelliD
// places each cell where phones heard it, a few hundred metres off the mast, and its default
// range (1,000 m) is the uncertainty it assumes when it has no better estimate.
const SITE_CLUSTER_RADIUS_M = 1000;
const OPENCELLID_DEFAULT_RANGE_M = 1000;
// The Milan table has no MNC: the sites of all networks are mixed. Four networks build masts.
const OPERATORS_IN_MILAN = 4;

// Assumptions, not measured here. Site shares follow the order of the Italian networks' mast
// counts (TIM and Vodafone largest, Iliad the newest and smallest); rural coverage reflects that
// Iliad relies on national roaming in much of the countryside.
const OPERATORS: Array<Omit<OperatorModel, 'mnc'> & { preferredMnc: number }> = [
  { name: 'TIM', preferredMnc: 1, siteShare: 0.3, ruralCoverage: 1, smallComunePresence: 1, presenceFullAtResidents: 0 },
  { name: 'Vodafone', preferredMnc: 10, siteShare: 0.28, ruralCoverage: 0.9, smallComunePresence: 1, presenceFullAtResidents: 0 },
  { name: 'WindTre', preferredMnc: 88, siteShare: 0.27, ruralCoverage: 0.9, smallComunePresence: 0.9, presenceFullAtResidents: 3000 },
  { name: 'Iliad', preferredMnc: 50, siteShare: 0.15, ruralCoverage: 0.45, smallComunePresence: 0.45, presenceFullAtResidents: 15000 },
];
const MODEL_ASSUMPTIONS = {
  // Capacity sites per resident fall off with density: Milan-like density gets the Milan ratio.
  capacityExponent: 0.5,
  // One site per operator per this many km² of land where population alone asks for fewer
  // (a three-sector rural LTE 800 site reaching ~5 km, with overlap).
  ruralSiteAreaKm2: 45,
  // Sector radius = factor × mean distance to the 3 nearest sites of the same network.
  radiusPerNeighbourDistance: 0.8,
  minRadiusM: 200,
  maxRadiusM: 8000,
  sectorHalfWidthDeg: 65, // 130° wedges: 10° overlap with each neighbouring sector
  azimuthJitterDeg: 15,
  urbanResidentsPerKm2: 1500,
  suburbanResidentsPerKm2: 300,
  ratMix: {
    urban: { nr: 0.3, umts: 0.01, gsm: 0 },
    suburban: { nr: 0.12, umts: 0.02, gsm: 0.01 },
    rural: { nr: 0.04, umts: 0.03, gsm: 0.04 },
  },
};

function main(dataDir: string): void {
  const cells = readCsv(join(dataDir, 'cell-towers', 'milan_lte_cells_opencellid.csv')).map((r) => ({
    eci: Number(r.cell_id),
    enb: Number(r.enb_id),
    lon: Number(r.lon),
    lat: Number(r.lat),
    rangeM: Number(r.range_m),
  }));
  const bbox: BBox = [
    Math.min(...cells.map((c) => c.lon)),
    Math.min(...cells.map((c) => c.lat)),
    Math.max(...cells.map((c) => c.lon)),
    Math.max(...cells.map((c) => c.lat)),
  ];
  const bboxPolygon: Polygon = {
    type: 'Polygon',
    coordinates: [
      [
        [bbox[0], bbox[1]],
        [bbox[2], bbox[1]],
        [bbox[2], bbox[3]],
        [bbox[0], bbox[3]],
        [bbox[0], bbox[1]],
      ],
    ],
  };
  const areaKm2 = turfArea(bboxPolygon) / 1e6;

  // Sites: single-linkage clusters of the cells of each eNB.
  const midLat = (bbox[1] + bbox[3]) / 2;
  const mPerDegLon = 111320 * Math.cos((midLat * Math.PI) / 180);
  const mPerDegLat = 110574;
  const byEnb = new Map<number, typeof cells>();
  for (const cell of cells) byEnb.set(cell.enb, [...(byEnb.get(cell.enb) ?? []), cell]);
  let sites = 0;
  for (const group of byEnb.values()) {
    const parent = group.map((_, i) => i);
    const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const dx = (group[i].lon - group[j].lon) * mPerDegLon;
        const dy = (group[i].lat - group[j].lat) * mPerDegLat;
        if (Math.hypot(dx, dy) <= SITE_CLUSTER_RADIUS_M) parent[find(i)] = find(j);
      }
    }
    sites += new Set(group.map((_, i) => find(i))).size;
  }

  // Residents in the bbox: ISTAT pop_2025 of each comune (comuni.csv), weighted by the share
  // of its area inside the bbox (comuni.geojson).
  const population = new Map(
    readCsv(join(dataDir, 'italy-admin', 'comuni.csv')).map((r) => [r.pro_com_t, Number(r.pop_2025)]),
  );
  const comuni = JSON.parse(readFileSync(join(dataDir, 'italy-admin', 'comuni.geojson'), 'utf8')) as FeatureCollection<
    Polygon | MultiPolygon,
    { pro_com_t: string }
  >;
  let residents = 0;
  for (const comune of comuni.features) {
    const whole = turfArea(comune);
    const inside = turfArea(bboxClip(comune, bbox));
    if (inside > 0) residents += (population.get(comune.properties.pro_com_t) ?? 0) * (inside / whole);
  }

  const ranges = cells.map((c) => c.rangeM).sort((a, b) => a - b);
  const measured = ranges.filter((r) => r !== OPENCELLID_DEFAULT_RANGE_M);
  const sitesPerKm2 = sites / areaKm2;
  const perOperatorSiteSpacingM = Math.sqrt((areaKm2 * 1e6) / (sites / OPERATORS_IN_MILAN));

  const mncs = readCsv(join(dataDir, 'cell-towers', 'mcc222_operators.csv'));
  const operators: OperatorModel[] = OPERATORS.map(({ preferredMnc, ...op }) => {
    const row = mncs.find((r) => r.operator === op.name && Number(r.mnc) === preferredMnc);
    if (!row) throw new Error(`mcc222_operators.csv has no MNC ${preferredMnc} for ${op.name}`);
    return { ...op, name: op.name as TerrestrialOperator, mnc: Number(row.mnc) };
  });

  const round = (n: number, digits: number) => Number(n.toFixed(digits));
  const calibration: Calibration = {
    licence: 'CC BY-SA 4.0 (derived from OpenCelliD data and the fastah/geo-mobile-tables MNC table)',
    attribution:
      '© OpenCelliD (opencellid.org), CC BY-SA 4.0, subset via AlessandroStaffolani/tim-dataset-pipeline; ' +
      'MCC/MNC table © 2020 Blackbuck Computing Inc. (fastah/geo-mobile-tables), CC BY-SA 4.0; ' +
      'population: ISTAT via l7g/limen, CC BY 4.0',
    milan: {
      bbox,
      areaKm2: round(areaKm2, 1),
      residents: Math.round(residents),
      residentsPerKm2: Math.round(residents / areaKm2),
      lteCells: cells.length,
      distinctEci: new Set(cells.map((c) => c.eci)).size,
      distinctEnb: byEnb.size,
      siteClusterRadiusM: SITE_CLUSTER_RADIUS_M,
      sites,
      cellsPerSite: round(cells.length / sites, 2),
      sitesPerKm2: round(sitesPerKm2, 2),
      medianRangeM: median(ranges),
      medianMeasuredRangeM: median(measured),
      defaultRangeShare: round(1 - measured.length / ranges.length, 3),
      assumedOperators: OPERATORS_IN_MILAN,
      perOperatorSiteSpacingM: Math.round(perOperatorSiteSpacingM),
    },
    model: {
      mcc: 222,
      sitesPerResident: round(sites / residents, 7),
      referenceResidentsPerKm2: Math.round(residents / areaKm2),
      ...MODEL_ASSUMPTIONS,
      operators,
      assumptions: [
        'operators[].siteShare, ruralCoverage and presence: assumed market structure, not measured',
        'capacityExponent: capacity sites per resident scale with (density / Milan density)^exponent',
        'ruralSiteAreaKm2: land per rural site per operator (LTE 800 reach), not measured',
        'radiusPerNeighbourDistance, minRadiusM, maxRadiusM: sector reach from site spacing, assumed',
        'ratMix: share of sites per RAT by density class (the Milan table holds LTE only), assumed',
      ],
    },
  };
  const out = join(dataDir, 'cell-towers', 'calibration.json');
  writeFileSync(out, `${JSON.stringify(calibration, null, 2)}\n`);
  console.log(`wrote ${out}`);
  console.log(JSON.stringify(calibration.milan, null, 2));
}

function median(sorted: number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// RFC 4180 subset: comma separated, fields optionally in double quotes with "" escapes.
function readCsv(path: string): Array<Record<string, string>> {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
  const header = splitCsvLine(lines[0]);
  return lines.slice(1).map((line) => {
    const fields = splitCsvLine(line);
    return Object.fromEntries(header.map((name, i) => [name, fields[i] ?? '']));
  });
}

function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') fields.push(field), (field = '');
    else field += ch;
  }
  fields.push(field);
  return fields;
}

main(resolve(process.argv[2] ?? 'data'));
