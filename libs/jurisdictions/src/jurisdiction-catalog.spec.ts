import { join } from 'node:path';
import { jurisdictionCatalog, jurisdictionContains } from './jurisdiction-catalog';
import { JurisdictionError } from './jurisdiction-error';
import { BoundaryCatalog } from '@faro/targeting';

const catalog = BoundaryCatalog.load(join(__dirname, '../../../data'));
const jurisdictions = jurisdictionCatalog(catalog);

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

describe('jurisdictionCatalog', () => {
  it('lists Italy, its 20 regions and 107 provinces, parents before children', () => {
    const list = jurisdictions.list();
    expect(list).toHaveLength(128);
    expect(list.filter((j) => j.level === 'region')).toHaveLength(20);
    expect(list.filter((j) => j.level === 'province')).toHaveLength(107);
    const seen = new Set<string>();
    for (const j of list) {
      if (j.parentId) expect(seen.has(j.parentId)).toBe(true);
      seen.add(j.id);
    }
  });

  it('names IT-R19 Sicilia under IT and IT-P087 Catania under IT-R19, with their ISTAT geocodes', () => {
    expect(jurisdictions.get('IT')).toEqual({ id: 'IT', name: 'Italia', level: 'national', parentId: null, geocode: null });
    expect(jurisdictions.get('IT-R19')).toEqual({
      id: 'IT-R19',
      name: 'Sicilia',
      level: 'region',
      parentId: 'IT',
      geocode: { scheme: 'ISTAT_REGION', code: '19' },
    });
    expect(jurisdictions.get('IT-P087')).toEqual({
      id: 'IT-P087',
      name: 'Catania',
      level: 'province',
      parentId: 'IT-R19',
      geocode: { scheme: 'ISTAT_PROVINCE', code: '087' },
    });
  });

  it('gives Sicilia its nine provinces as children', () => {
    expect(jurisdictions.children('IT-R19').map((j) => j.name)).toEqual([
      'Trapani',
      'Palermo',
      'Messina',
      'Agrigento',
      'Caltanissetta',
      'Enna',
      'Catania',
      'Ragusa',
      'Siracusa',
    ]);
  });

  it.each(['IT-R21', 'IT-R9', 'IT-P87', 'IT-P287', 'it', 'Sicilia', ''])('refuses %j as an unknown jurisdiction', (id) => {
    const e = thrown(() => jurisdictions.get(id));
    expect(e).toBeInstanceOf(JurisdictionError);
    expect((e as JurisdictionError).code).toBe('jurisdiction/unknown');
    expect((e as JurisdictionError).message).toContain(`No jurisdiction '${id}'`);
  });
});

describe('jurisdictionContains', () => {
  it.each([
    ['IT', 'IT', true],
    ['IT', 'IT-R19', true],
    ['IT', 'IT-P087', true],
    ['IT-R19', 'IT-R19', true],
    ['IT-R19', 'IT-P087', true],
    ['IT-P087', 'IT-P087', true],
    ['IT-R19', 'IT', false],
    ['IT-P087', 'IT-R19', false],
    ['IT-R18', 'IT-P087', false],
    ['IT-P083', 'IT-P087', false],
    ['IT-R03', 'IT-P015', true],
  ])('says whether %s holds %s: %s', (parent, child, expected) => {
    expect(jurisdictionContains(parent, child, catalog)).toBe(expected);
  });

  it('refuses an unknown child as well as an unknown parent', () => {
    expect((thrown(() => jurisdictionContains('IT', 'IT-P999', catalog)) as JurisdictionError).code).toBe('jurisdiction/unknown');
    expect((thrown(() => jurisdictionContains('IT-X', 'IT', catalog)) as JurisdictionError).code).toBe('jurisdiction/unknown');
  });
});
