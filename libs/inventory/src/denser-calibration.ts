import type { Calibration } from './calibration';

/**
 * The calibration of a network `factor` times as dense: `factor` times the sites per resident and
 * per km² of rural area, so the generator places that many more sites and their sectors shrink
 * with the spacing, as a densified network's do. For benchmarks of inventories larger than the
 * demo's (issue 15: a million cells); never the demo data.
 */
export function denserCalibration(calibration: Calibration, factor: number): Calibration {
  if (!Number.isFinite(factor) || factor < 1) throw new RangeError(`density factor ${factor}: at least 1`);
  const { model } = calibration;
  return {
    ...calibration,
    model: { ...model, sitesPerResident: model.sitesPerResident * factor, ruralSiteAreaKm2: model.ruralSiteAreaKm2 / factor },
  };
}
