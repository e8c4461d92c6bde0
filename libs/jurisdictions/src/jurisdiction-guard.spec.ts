import { join } from 'node:path';
import { JurisdictionError } from './jurisdiction-error';
import { CatalogJurisdictionGuard } from './jurisdiction-guard';
import { BoundaryCatalog } from '@faro/targeting';

const guard = new CatalogJurisdictionGuard(BoundaryCatalog.load(join(__dirname, '../../../data')));

async function refusal(work: Promise<void>): Promise<JurisdictionError> {
  try {
    await work;
  } catch (e) {
    if (e instanceof JurisdictionError) return e;
    throw e;
  }
  throw new Error('expected a JurisdictionError');
}

describe('CatalogJurisdictionGuard', () => {
  it('lets a Sicilian user draft for a Sicilian comune by geocode and a polygon off Catania', async () => {
    await expect(
      guard.assertWithin(
        [
          { kind: 'geocode', scheme: 'ISTAT_MUNICIPALITY', code: '087015' },
          { kind: 'polygon', ring: [[15.0, 37.45], [15.16, 37.45], [15.16, 37.56], [15.0, 37.56]] },
        ],
        'IT-R19',
      ),
    ).resolves.toBeUndefined();
  });

  it('refuses a Calabrian province to a Sicilian user with jurisdiction/outside, naming the area and Calabria', async () => {
    const e = await refusal(
      guard.assertWithin(
        [
          { kind: 'geocode', scheme: 'ISTAT_REGION', code: '19' },
          { kind: 'geocode', scheme: 'ISTAT_PROVINCE', code: '080' },
        ],
        'IT-R19',
      ),
    );
    expect(e.code).toBe('jurisdiction/outside');
    expect(e.message).toMatch(/^area 2 extends \d+\.\d km² outside Sicilia, into Calabria$/);
  });

  it('refuses an unknown jurisdiction with jurisdiction/unknown', async () => {
    const e = await refusal(guard.assertWithin([{ kind: 'geocode', scheme: 'ISTAT_REGION', code: '19' }], 'IT-R42'));
    expect(e.code).toBe('jurisdiction/unknown');
  });

  it('lets the national jurisdiction draft in Italian waters and refuses the open sea, naming the area', async () => {
    await expect(guard.assertWithin([{ kind: 'circle', center: [12.6, 35.5], radiusKm: 10 }], 'IT')).resolves.toBeUndefined();
    const e = await refusal(guard.assertWithin([{ kind: 'circle', center: [12.6, 35.5], radiusKm: 10 }, { kind: 'circle', center: [12.15, 39.65], radiusKm: 20 }], 'IT'));
    expect(e).toMatchObject({ code: 'jurisdiction/outside', areaIndex: 1 });
  });
});
