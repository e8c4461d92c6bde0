import type { Polygon } from 'geojson';
import type { BBox, LonLat } from './geometry';

export type CellKind = 'terrestrial' | 'satellite';
export type RadioAccessTechnology = 'LTE' | 'NR' | 'GSM' | 'UMTS' | 'NTN-NR';

export interface CellRecord {
  /** terrestrial: 'T-<mcc>-<mnc>-<eci>'; satellite: 'S-<h3 index>' */
  id: string;
  kind: CellKind;
  /** 'TIM' | 'Vodafone' | 'WindTre' | 'Iliad' for terrestrial cells; the satellite operator otherwise */
  operator: string;
  mcc: number;
  mnc: number;
  rat: RadioAccessTechnology;
  /** terrestrial: 'ter-<operator>' (one CBC per network); satellite: '<gatewayId>-bg<NN>', e.g. 'sat-nord-bg03' */
  routeId: string;
  /** terrestrial: 'cbc-<operator>'; satellite: the ground gateway of the beam group ('sat-nord', …) */
  gatewayId: string;
  /** terrestrial: site position; satellite: cell centre */
  site: LonLat;
  /** sector azimuth, degrees clockwise from north; null for satellite cells */
  azimuthDeg: number | null;
  radiusM: number;
  municipalityCode: string | null;
  /** sector wedge (site + arc) or H3 cell boundary; one closed counter-clockwise ring */
  coverage: Polygon;
  bbox: BBox;
}
