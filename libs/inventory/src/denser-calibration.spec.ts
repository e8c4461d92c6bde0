import { join } from 'node:path';
import { loadCalibration } from './calibration';
import { denserCalibration } from './denser-calibration';

const calibration = loadCalibration(join(__dirname, '../../../data'));

describe('denserCalibration', () => {
  it('places factor times the sites per resident and per km² of rural area', () => {
    const dense = denserCalibration(calibration, 5);
    expect(dense.model.sitesPerResident).toBeCloseTo(calibration.model.sitesPerResident * 5, 12);
    expect(dense.model.ruralSiteAreaKm2).toBeCloseTo(calibration.model.ruralSiteAreaKm2 / 5, 12);
    // What does not scale with density stays: the networks, their shares, the sector shape.
    expect(dense.model.operators).toEqual(calibration.model.operators);
    expect(dense.model.sectorHalfWidthDeg).toBe(calibration.model.sectorHalfWidthDeg);
    expect(dense.model.minRadiusM).toBe(calibration.model.minRadiusM);
  });

  it('leaves the calibration it was given as it was', () => {
    const before = JSON.stringify(calibration);
    denserCalibration(calibration, 3);
    expect(JSON.stringify(calibration)).toBe(before);
  });

  it('refuses a factor that would thin the network out or is not a number', () => {
    for (const factor of [0.5, 0, -2, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => denserCalibration(calibration, factor)).toThrow(RangeError);
    }
  });
});
