import { join } from 'node:path';
import { BoundaryCatalog } from './boundary-catalog';
import { TargetingError } from './targeting-error';

const catalog = BoundaryCatalog.load(join(__dirname, '../../../data'));

describe('BoundaryCatalog', () => {
  it('resolves ISTAT region 19 to Sicilia with or without the leading zero', () => {
    const sicily = catalog.resolve('ISTAT_REGION', '19');
    expect(sicily.name).toBe('Sicilia');
    expect(sicily.geometry.type).toBe('MultiPolygon');
    expect(catalog.resolve('ISTAT_REGION', '019').geometry).toBe(sicily.geometry);
  });

  it('resolves a province by its province code and by its città metropolitana code', () => {
    const catania = catalog.resolve('ISTAT_PROVINCE', '087');
    expect(catania.name).toBe('Catania');
    expect(catalog.resolve('ISTAT_PROVINCE', '87').geometry).toBe(catania.geometry);
    expect(catalog.resolve('ISTAT_PROVINCE', '287').geometry).toBe(catania.geometry);
  });

  it('resolves municipality 087015 to Catania, also written without leading zeros', () => {
    const catania = catalog.resolve('ISTAT_MUNICIPALITY', '087015');
    expect(catania.name).toBe('Catania');
    expect(catalog.resolve('ISTAT_MUNICIPALITY', '87015').geometry).toBe(catania.geometry);
  });

  it('resolves a DPC alert zone by its code, ignoring case', () => {
    const zone = catalog.resolve('DPC_ALERT_ZONE', 'Sici-E');
    expect(zone.name).toBe('Centro-Meridionale e isole Pelagie');
    expect(catalog.resolve('DPC_ALERT_ZONE', 'SICI-E').geometry).toBe(zone.geometry);
  });

  it.each([
    ['ISTAT_REGION', '21'],
    ['ISTAT_MUNICIPALITY', '999999'],
    ['ISTAT_PROVINCE', 'CT'],
    ['DPC_ALERT_ZONE', 'Sici-Z'],
  ] as const)('rejects %s code %s as an unknown geocode', (scheme, code) => {
    let error: unknown;
    try {
      catalog.resolve(scheme, code);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TargetingError);
    expect((error as TargetingError).code).toBe('targeting/unknown-geocode');
    expect((error as TargetingError).message).toBe(`No ${scheme} area has code '${code}'`);
  });

  it('lists the 7,896 comuni with the ISTAT 2025 population of Italy', () => {
    const comuni = catalog.municipalities();
    expect(comuni).toHaveLength(7896);
    expect(comuni.reduce((sum, m) => sum + m.population, 0)).toBe(58_943_464);
    expect(comuni.find((m) => m.code === '087015')).toEqual({
      code: '087015',
      name: 'Catania',
      population: 298054,
      areaKm2: 182.089,
      innerPoint: [15.04379, 37.42465],
      provinceCode: '087',
      regionCode: '19',
      alertZone: 'Sici-I',
    });
  });

  it('finds a comune by bounding box and gives back its geometry', () => {
    const index = catalog.municipalities().findIndex((m) => m.code === '087015');
    const near = catalog.municipalitiesInBBox([15.08, 37.5, 15.09, 37.51]);
    expect(near).toContain(index);
    expect(catalog.municipalityGeometry(index)).toBe(catalog.resolve('ISTAT_MUNICIPALITY', '087015').geometry);
  });

  it('gives the national outline as a MultiPolygon', () => {
    expect(catalog.italy().type).toBe('MultiPolygon');
  });
});
