import { join } from 'node:path';
import { areaToGeometry } from './area-spec';
import { BoundaryCatalog, type GeocodeScheme } from './boundary-catalog';
import { PreparedArea } from './prepared-area';
import { residentPopulation } from './resident-population';

const catalog = BoundaryCatalog.load(join(__dirname, '../../../data'));

type Territory = { scheme: GeocodeScheme; code: string };
const REGIONS = Array.from({ length: 20 }, (_, i) => String(i + 1).padStart(2, '0'));

// The same areas counted twice: by their geometry alone, and with the territories' comuni taken
// whole from the catalog.
function bothWays(areas: Array<Territory | { kind: 'circle'; center: [number, number]; radiusKm: number }>) {
  const specs = areas.map((a) => ('scheme' in a ? { kind: 'geocode' as const, ...a } : a));
  const prepared = specs.map((spec) => new PreparedArea(areaToGeometry(spec, catalog)));
  const members = specs.map((spec) => (spec.kind === 'geocode' ? catalog.membersOf(spec.scheme, spec.code) : null));
  return { geometric: residentPopulation(prepared, catalog), byMembers: residentPopulation(prepared, catalog, members) };
}

describe('residentPopulation', () => {
  it.each(REGIONS)('counts region %s by its comuni as by its geometry', (code) => {
    const { geometric, byMembers } = bothWays([{ scheme: 'ISTAT_REGION', code }]);
    expect(byMembers).toEqual(geometric);
    expect(byMembers.partial).toBe(0);
  });

  it.each([
    ['province 087 (Catania)', 'ISTAT_PROVINCE', '087'],
    ['Milan by its UTS code 215', 'ISTAT_PROVINCE', '215'],
    ['alert zone Sici-E', 'DPC_ALERT_ZONE', 'Sici-E'],
    ['alert zone Lomb-11', 'DPC_ALERT_ZONE', 'Lomb-11'],
    ['comune 083041 (Lipari)', 'ISTAT_MUNICIPALITY', '083041'],
  ] as const)('counts %s by its comuni as by its geometry', (_, scheme, code) => {
    const { geometric, byMembers } = bothWays([{ scheme, code }]);
    expect(byMembers).toEqual(geometric);
    expect(byMembers.residents).toBeGreaterThan(0);
  });

  it.each([
    ['region 9', 'ISTAT_REGION', '9', '09'],
    ['province 87', 'ISTAT_PROVINCE', ' 87', '087'],
    ['comune 87015', 'ISTAT_MUNICIPALITY', '87015', '087015'],
    ['zone sici-e', 'DPC_ALERT_ZONE', 'sici-e', 'Sici-E'],
  ] as const)('finds the comuni of %s however its code is written', (_, scheme, written, canonical) => {
    expect(catalog.membersOf(scheme, written)).toEqual(catalog.membersOf(scheme, canonical));
    expect(catalog.membersOf(scheme, written).length).toBeGreaterThan(0);
  });

  it('counts once a comune in two territories, and adds a drawn area over another region by its share', () => {
    const { geometric, byMembers } = bothWays([
      { scheme: 'ISTAT_REGION', code: '19' },
      { scheme: 'ISTAT_PROVINCE', code: '087' },
      { kind: 'circle', center: [16.1, 38.2], radiusKm: 15 },
    ]);
    expect(byMembers).toEqual(geometric);
    expect(byMembers.partial).toBeGreaterThan(0);
  });

  it('counts the whole country from the 20 regions', () => {
    const territories = REGIONS.map((code) => ({ scheme: 'ISTAT_REGION' as const, code }));
    const population = residentPopulation(
      territories.map((t) => new PreparedArea(catalog.resolve(t.scheme, t.code).geometry)),
      catalog,
      territories.map((t) => catalog.membersOf(t.scheme, t.code)),
    );
    expect(population).toEqual({ residents: 58_943_464, whole: 7_896, partial: 0 });
  });
});
