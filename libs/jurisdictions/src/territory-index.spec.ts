import { join } from 'node:path';
import { type Place, TERRITORIAL_SEA_KM, territoryIndex } from './territory-index';
import { BoundaryCatalog } from '@faro/targeting';

const catalog = BoundaryCatalog.load(join(__dirname, '../../../data'));
const index = territoryIndex(catalog);

// A place with the ISTAT province code instead of the index.
function placeAt(lon: number, lat: number): { kind: Place['kind']; province?: string } {
  const place = index.placeAt(lon, lat);
  return 'province' in place ? { kind: place.kind, province: index.provinces[place.province].code } : { kind: place.kind };
}

describe('TerritoryIndex', () => {
  it('measures the territorial sea as 12 nautical miles', () => {
    expect(TERRITORIAL_SEA_KM).toBeCloseTo(22.224, 3);
  });

  it('places Catania harbour in the waters of the province of Catania', () => {
    expect(placeAt(15.095, 37.495)).toEqual({ kind: 'waters', province: '087' });
  });

  it('places a point 19.5 km off Pescara in its waters and one 23.5 km off in the open sea', () => {
    expect(index.coastline.nearest(14.392, 42.597, 50)?.km).toBeCloseTo(19.5, 0);
    expect(placeAt(14.392, 42.597)).toEqual({ kind: 'waters', province: '068' });
    expect(index.coastline.nearest(14.43, 42.62, 50)?.km).toBeCloseTo(23.5, 0);
    expect(placeAt(14.43, 42.62)).toEqual({ kind: 'open-sea' });
  });

  it('places the middle of the Tyrrhenian in the open sea', () => {
    expect(placeAt(12.15, 39.65)).toEqual({ kind: 'open-sea' });
  });

  it.each([
    ['Lugano', 8.95, 46.0],
    ['the Swiss end of Lago Maggiore', 8.78, 46.12],
    ['San Marino', 12.447, 43.936],
    ['Vatican City', 12.4534, 41.9029],
    ['Menton', 7.5, 43.78],
    ['the sea off Monaco', 7.43, 43.7],
    ['Koper', 13.73, 45.55],
  ])('places %s abroad, beyond the land border', (_name, lon, lat) => {
    expect(placeAt(lon, lat)).toEqual({ kind: 'abroad' });
  });

  it("places Campione d'Italia, an exclave in Switzerland, on the land of Como", () => {
    expect(placeAt(8.97, 45.97)).toEqual({ kind: 'land', province: '013' });
  });

  it('keeps the Gulf of Trieste Italian up to the Slovenian border', () => {
    expect(placeAt(13.6, 45.65)).toEqual({ kind: 'waters', province: '031' });
  });

  it('finds the land border on the outline, about a quarter of its edges', () => {
    expect(index.coastline.edgeCount).toBe(10_940);
    expect(index.coastline.landBorderEdgeCount).toBeGreaterThan(2_000);
    expect(index.coastline.landBorderEdgeCount).toBeLessThan(3_000);
  });
});
