import { join } from 'node:path';
import { ConstellationError } from './constellation-error';
import { parseElementSets, readElementSets } from './element-sets';

const DATA = join(__dirname, '../../../data/satellites');

const ISS = [
  'ISS (ZARYA)',
  '1 25544U 98067A   26150.51748228  .00011776  00000+0  21767-3 0  9998',
  '2 25544  51.6337  27.5746 0007245 114.7080 245.4664 15.49496548569014',
];

describe('parseElementSets', () => {
  it('reads the 642 Direct-to-Cell satellites of the snapshot, each under its NORAD number', () => {
    const sets = readElementSets(join(DATA, 'starlink_dtc.tle'));
    expect(sets).toHaveLength(642);
    expect(sets[0]).toMatchObject({ satelliteId: '58705', name: 'STARLINK-11072 [DTC]' });
    expect(new Set(sets.map((s) => s.satelliteId)).size).toBe(642);
    expect(sets.every((s) => s.name.includes('[DTC]'))).toBe(true);
  });

  it('rejects a line whose checksum does not add up, naming the satellite', () => {
    const damaged = [ISS[0], ISS[1].slice(0, 20) + '5' + ISS[1].slice(21), ISS[2]].join('\n');
    expect(() => parseElementSets(damaged)).toThrow(new ConstellationError('constellation/bad-element-set', 'ISS (ZARYA): line 1 fails its checksum'));
  });

  it('rejects a file that is not made of three-line records', () => {
    expect(() => parseElementSets(ISS.slice(0, 2).join('\n'))).toThrow(
      expect.objectContaining({ code: 'constellation/bad-element-set', message: 'a three-line element file has 2 non-empty lines, not a multiple of 3' }),
    );
  });

  it('rejects lines 1 and 2 that name different satellites', () => {
    const other = (line: string) => line.slice(0, 2) + '25545' + line.slice(7, 68) + String((Number(line[68]) + 1) % 10);
    expect(() => parseElementSets([ISS[0], ISS[1], other(ISS[2])].join('\n'))).toThrow(
      expect.objectContaining({ code: 'constellation/bad-element-set', message: 'ISS (ZARYA): line 1 names satellite 25544, line 2 25545' }),
    );
  });
});
