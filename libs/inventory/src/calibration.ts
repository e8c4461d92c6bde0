import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BBox, TargetingError } from '@faro/targeting';

export type TerrestrialOperator = 'TIM' | 'Vodafone' | 'WindTre' | 'Iliad';

export interface OperatorModel {
  name: TerrestrialOperator;
  mnc: number;
  /** Share of the population-driven (capacity) sites. */
  siteShare: number;
  /** Multiplier on the area-driven (coverage) sites: 1 = full rural coverage. */
  ruralCoverage: number;
  /** Probability of presence in a comune of under presenceFullAtResidents residents scales up from this. */
  smallComunePresence: number;
  presenceFullAtResidents: number;
}

export interface RatMix {
  nr: number;
  umts: number;
  gsm: number; // the rest is LTE
}

/**
 * data/cell-towers/calibration.json, written by libs/targeting/scripts/calibrate-from-milan.ts.
 * `milan` holds what was measured on the OpenCelliD Milan cells, `model` what the generator uses
 * (measured values plus the assumptions listed in `model.assumptions`).
 */
export interface Calibration {
  licence: string;
  attribution: string;
  milan: {
    bbox: BBox;
    areaKm2: number;
    residents: number;
    residentsPerKm2: number;
    lteCells: number;
    distinctEci: number;
    distinctEnb: number;
    siteClusterRadiusM: number;
    sites: number;
    cellsPerSite: number;
    sitesPerKm2: number;
    medianRangeM: number;
    medianMeasuredRangeM: number;
    defaultRangeShare: number;
    assumedOperators: number;
    perOperatorSiteSpacingM: number;
  };
  model: {
    mcc: number;
    sitesPerResident: number;
    referenceResidentsPerKm2: number;
    capacityExponent: number;
    ruralSiteAreaKm2: number;
    radiusPerNeighbourDistance: number;
    minRadiusM: number;
    maxRadiusM: number;
    sectorHalfWidthDeg: number;
    azimuthJitterDeg: number;
    urbanResidentsPerKm2: number;
    suburbanResidentsPerKm2: number;
    ratMix: { urban: RatMix; suburban: RatMix; rural: RatMix };
    operators: OperatorModel[];
    assumptions: string[];
  };
}

export function loadCalibration(dataDir: string): Calibration {
  const path = join(dataDir, 'cell-towers', 'calibration.json');
  const calibration = JSON.parse(readFileSync(path, 'utf8')) as Calibration;
  const model = calibration?.model;
  const positive = (n: unknown) => typeof n === 'number' && Number.isFinite(n) && n > 0;
  const valid =
    model &&
    positive(model.sitesPerResident) &&
    positive(model.referenceResidentsPerKm2) &&
    positive(model.ruralSiteAreaKm2) &&
    positive(model.minRadiusM) &&
    model.maxRadiusM >= model.minRadiusM &&
    Array.isArray(model.operators) &&
    model.operators.length > 0 &&
    model.operators.every((op) => positive(op.siteShare) && Number.isInteger(op.mnc));
  if (!valid) throw new TargetingError('targeting/invalid-calibration', `${path} is not a valid calibration`);
  return calibration;
}
