import { cellToBoundary, cellToLatLng, cellToParent, greatCircleDistance, isValidCell, polygonToCells } from 'h3-js';
import { DEFAULT_GATEWAYS } from '@faro/constellation';
import { type CellRecord, type LonLat, ringBBox, round6 } from '@faro/targeting';

export interface SatelliteGridOptions {
  /** H3 resolution of the earth-fixed cells (5: ~250 km², ~9 km edge). */
  resolution?: number;
  /** H3 resolution of the beam groups (parents); must be coarser than resolution. */
  beamGroupResolution?: number;
}

// Italy, its seas and the central Mediterranean.
const EXTENT = { minLon: 5.5, minLat: 35.0, maxLon: 20.5, maxLat: 47.5 };

// The satellite ground gateways are libs/constellation's sites, so that the gateway a cell is
// routed to is one the sky plans with; each beam group goes to the nearest one.
const GATEWAYS: Array<{ id: string; at: LonLat }> = DEFAULT_GATEWAYS.map((g) => ({ id: g.id, at: [g.lon, g.lat] }));

// Placeholder identity of the satellite network: MCC 901 is the ITU's shared international
// code; operator and MNC are fictional.
const SATELLITE_OPERATOR = 'FaroSat';
const SATELLITE_MCC = 901;
const SATELLITE_MNC = 99;

/**
 * Earth-fixed satellite cells: the H3 cells whose centre lies in EXTENT, routed by ground
 * gateway and beam group (the H3 parent at beamGroupResolution). Deterministic.
 */
export function generateSatelliteGrid(opts: SatelliteGridOptions = {}): CellRecord[] {
  const resolution = opts.resolution ?? 5;
  const beamGroupResolution = opts.beamGroupResolution ?? Math.max(0, resolution - 2);
  const { minLon, minLat, maxLon, maxLat } = EXTENT;
  const hexes = polygonToCells(
    [
      [minLon, minLat],
      [maxLon, minLat],
      [maxLon, maxLat],
      [minLon, maxLat],
      [minLon, minLat],
    ],
    resolution,
    true,
  ).sort();

  // Number the beam groups of each gateway 00, 01, … in H3 index order.
  const groups = [...new Set(hexes.map((h) => cellToParent(h, beamGroupResolution)))].sort();
  const routeOf = new Map<string, { routeId: string; gatewayId: string }>();
  const perGateway = new Map<string, number>();
  for (const group of groups) {
    const [lat, lon] = cellToLatLng(group);
    const gatewayId = nearestGateway([lon, lat]);
    const n = perGateway.get(gatewayId) ?? 0;
    perGateway.set(gatewayId, n + 1);
    routeOf.set(group, { gatewayId, routeId: `${gatewayId}-bg${String(n).padStart(2, '0')}` });
  }

  return hexes.map((hex) => {
    const [lat, lon] = cellToLatLng(hex);
    const ring = cellToBoundary(hex, true).map(([x, y]) => [round6(x), round6(y)] as LonLat);
    const site: LonLat = [round6(lon), round6(lat)];
    const radiusM = Math.round(
      Math.max(...ring.map(([x, y]) => greatCircleDistance([lat, lon], [y, x], 'm'))),
    );
    const { routeId, gatewayId } = routeOf.get(cellToParent(hex, beamGroupResolution))!;
    return {
      id: `S-${hex}`,
      kind: 'satellite',
      operator: SATELLITE_OPERATOR,
      mcc: SATELLITE_MCC,
      mnc: SATELLITE_MNC,
      rat: 'NTN-NR',
      routeId,
      gatewayId,
      site,
      azimuthDeg: null,
      radiusM,
      municipalityCode: null,
      coverage: { type: 'Polygon', coordinates: [ring] },
      bbox: ringBBox(ring),
    };
  });
}

function nearestGateway([lon, lat]: LonLat): string {
  let best = GATEWAYS[0].id;
  let bestDistance = Infinity;
  for (const { id, at } of GATEWAYS) {
    const d = greatCircleDistance([lat, lon], [at[1], at[0]], 'km');
    if (d < bestDistance) {
      bestDistance = d;
      best = id;
    }
  }
  return best;
}

/** The earth-fixed satellite cells among these ids, with their centres, in the order given; other ids are left out. */
export function satelliteCells(cellIds: Iterable<string>): Array<{ id: string; lon: number; lat: number }> {
  const cells = [];
  for (const id of cellIds) {
    const centre = satelliteCellCentre(id);
    if (centre) cells.push({ id, ...centre });
  }
  return cells;
}

/** The centre of an earth-fixed satellite cell ('S-<h3 index>', as generateSatelliteGrid names them), or null for any other id. */
export function satelliteCellCentre(cellId: string): { lon: number; lat: number } | null {
  if (!cellId.startsWith('S-') || !isValidCell(cellId.slice(2))) return null;
  const [lat, lon] = cellToLatLng(cellId.slice(2));
  return { lon: round6(lon), lat: round6(lat) };
}
