import { join } from 'node:path';
import { twoline2satrec } from 'satellite.js';
import { readElementSets } from './element-sets';
import { epochOf, SnapshotSky } from './snapshot-sky';

const sets = readElementSets(join(__dirname, '../../../data/satellites/starlink_dtc.tle'));

describe('SnapshotSky', () => {
  it('reads each epoch as satellite.js does (jdsatepoch)', () => {
    for (const set of sets.slice(0, 20)) {
      const jd = twoline2satrec(set.line1, set.line2).jdsatepoch;
      expect(Math.abs(epochOf(set).getTime() - (jd - 2440587.5) * 86_400_000)).toBeLessThan(1);
    }
  });

  it('names the newest epoch of the snapshot, 2026-05-30', () => {
    expect(new SnapshotSky(sets).newestEpoch.toISOString().slice(0, 10)).toBe('2026-05-30');
  });

  it('plans a broadcast within the age limit on its own time', () => {
    const sky = new SnapshotSky(sets, 7);
    expect(sky.offsetMs(new Date('2026-06-02T10:00:00Z'))).toBe(0);
  });

  it('plans a later broadcast on the newest epoch day, at the same time of day', () => {
    const sky = new SnapshotSky(sets, 7);
    const start = new Date('2026-12-06T20:15:30Z');
    expect(new Date(start.getTime() + sky.offsetMs(start)).toISOString()).toBe('2026-05-30T20:15:30.000Z');
  });

  it('refuses a negative age limit and an empty snapshot', () => {
    expect(() => new SnapshotSky(sets, -1)).toThrow(expect.objectContaining({ code: 'constellation/bad-option' }));
    expect(() => new SnapshotSky([])).toThrow(expect.objectContaining({ code: 'constellation/bad-element-set' }));
  });
});
