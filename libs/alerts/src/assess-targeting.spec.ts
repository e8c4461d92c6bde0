import { TargetingError } from '@faro/targeting';
import { JurisdictionError } from '@faro/jurisdictions';
import type { TargetingSummary } from './alert';
import { AlertError } from './alert-error';
import { assessTargeting, withAreaPointers, withTargetingWarnings } from './assess-targeting';
import type { AlertArea } from './incident-draft';

const AREAS: AlertArea[] = [
  { description: 'Catania', spec: { kind: 'geocode', scheme: 'ISTAT_MUNICIPALITY', code: '087015' }, pointer: 'alert/info[0]/area[0]/geocode[0]' },
  { description: 'Lampedusa', spec: { kind: 'circle', center: [12.6, 35.51], radiusKm: 20 } },
];

function summary(over: Partial<TargetingSummary> = {}): TargetingSummary {
  return {
    counts: { terrestrial: 10, satellite: 2, total: 12 },
    routes: {
      'sat-isole-bg01': { kind: 'satellite', gatewayId: 'sat-isole', cells: 2, overshootKm2: 700 },
      'tim-sicilia': { kind: 'terrestrial', gatewayId: 'tim', cells: 10, overshootKm2: 40 },
    },
    requestedAreaKm2: 200,
    coveredAreaKm2: 300,
    overshootKm2: 100,
    uncoveredKm2: 0,
    geofencedOvershootKm2: 0,
    overshootWarnFactor: 3,
    residentPopulation: 1000,
    method: 'test',
    computedAt: '2026-12-06T10:00:00.000Z',
    areas: [
      { reachesCells: true, requestedKm2: 180, uncoveredKm2: 0 },
      { reachesCells: true, requestedKm2: 20, uncoveredKm2: 0 },
    ],
    warnings: [],
    ...over,
  };
}

describe('assessTargeting', () => {
  it('refuses an alert one of whose areas reaches no cell, naming that area by its pointer', () => {
    const refused = () => assessTargeting(AREAS, summary({ areas: [{ reachesCells: true, requestedKm2: 180, uncoveredKm2: 0 }, { reachesCells: false, requestedKm2: 20, uncoveredKm2: 20 }] }));
    expect(refused).toThrow(AlertError);
    expect(refused).toThrow(expect.objectContaining({ code: 'alert/area-reaches-no-cell', pointer: '/areas/1' }));
    expect(refused).toThrow('area 2 (Lampedusa) reaches no cell: no terrestrial or satellite cell covers any of it, so nobody there would be alerted');
  });

  it('gives each area its pointer and warns of nothing when every area is covered and the overshoot is below the factor', () => {
    const assessed = assessTargeting(AREAS, summary());
    expect(assessed.warnings).toEqual([]);
    expect(assessed.areas?.map((a) => a.pointer)).toEqual(['alert/info[0]/area[0]/geocode[0]', '/areas/1']);
  });

  it('warns of an area partly covered by no cell, past 1% and 0.05 km², and not below', () => {
    const partly = withTargetingWarnings(AREAS, summary({ areas: [{ reachesCells: true, requestedKm2: 180, uncoveredKm2: 1.7 }, { reachesCells: true, requestedKm2: 20, uncoveredKm2: 5 }] }));
    expect(partly.warnings).toEqual([
      { code: 'targeting/area-partly-uncovered', pointer: '/areas/1', message: 'area 2 (Lampedusa): 5.0 km² of 20.0 km² (25%) is covered by no cell; nobody there will be alerted' },
    ]);
  });

  it('warns of each terrestrial route whose CBC broadcasts network-wide and is not all targeted, since nothing will be sent there', () => {
    const routes: TargetingSummary['routes'] = {
      'sat-isole-bg01': { kind: 'satellite', gatewayId: 'sat-isole', cells: 2, overshootKm2: 700 },
      'ter-tim': { kind: 'terrestrial', gatewayId: 'cbc-tim', cells: 10, overshootKm2: 40, networkCells: 58839 },
      'ter-iliad-vda': { kind: 'terrestrial', gatewayId: 'cbc-iliad-vda', cells: 126, networkCells: 126 },
      'ter-vodafone': { kind: 'terrestrial', gatewayId: 'cbc-vodafone', cells: 8 },
    };
    expect(withTargetingWarnings(AREAS, summary({ routes })).warnings).toEqual([
      {
        code: 'targeting/terrestrial-network-wide',
        message: 'ter-tim: cbc-tim broadcasts to all its 58,839 cells (it takes no cell list) and the alert targets 10 of them, so nothing will be sent on that network; phones there are reached only by the satellite beams over them',
      },
    ]);
  });

  it('warns of a broadcast covering more than overshootWarnFactor times the area, naming the routes that overshoot most', () => {
    const wide = withTargetingWarnings(AREAS, summary({ coveredAreaKm2: 1340, overshootKm2: 1140, geofencedOvershootKm2: 12.25 }));
    expect(wide.warnings).toEqual([
      {
        code: 'targeting/overshoot',
        message:
          'the broadcast covers 1,340.0 km² for 200.0 km² requested (×6.7, above the ×3 of OVERSHOOT_WARN_FACTOR): 1,140.0 km² beyond the area, ' +
          'most from sat-isole-bg01 (satellite, 700.0 km²), tim-sicilia (terrestrial, 40.0 km²); phones that apply the geofence alert 12.3 km² beyond it',
      },
    ]);
    expect(withTargetingWarnings(AREAS, summary({ coveredAreaKm2: 1340, overshootWarnFactor: 10 })).warnings).toEqual([]);
  });
});

describe('withAreaPointers', () => {
  it('points a targeting or jurisdiction error about one area at that area', async () => {
    await expect(withAreaPointers(AREAS, async () => Promise.reject(new TargetingError('targeting/invalid-area', 'area 1: bad', 0)))).rejects.toMatchObject({
      code: 'targeting/invalid-area',
      pointer: 'alert/info[0]/area[0]/geocode[0]',
    });
    await expect(withAreaPointers(AREAS, async () => Promise.reject(new JurisdictionError('jurisdiction/outside', 'area 2 extends', 1)))).rejects.toMatchObject({
      code: 'jurisdiction/outside',
      pointer: '/areas/1',
    });
  });

  it('leaves an error about no particular area as it is', async () => {
    const error = new JurisdictionError('jurisdiction/unknown', 'no such jurisdiction');
    await expect(withAreaPointers(AREAS, async () => Promise.reject(error))).rejects.toBe(error);
  });
});
