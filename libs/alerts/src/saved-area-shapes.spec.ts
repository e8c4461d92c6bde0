import { SAVED_AREA_VERTEX_BUDGET, savedAreaShapes } from './saved-area-shapes';

function ring(n: number): number[][] {
  const r: number[][] = [];
  for (let i = 0; i < n; i++) r.push([15.08 + 0.1 * Math.cos((i / n) * 2 * Math.PI) + 0.001 * Math.sin(i), 37.5 + 0.1 * Math.sin((i / n) * 2 * Math.PI)]);
  return [...r, r[0]];
}

describe('savedAreaShapes', () => {
  it('takes an uploaded FeatureCollection of polygons and multipolygons, each simplified to the broadcast budget', () => {
    const areas = savedAreaShapes({
      geojson: {
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring(2000)] } },
          { type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: [[ring(10)], [ring(12)]] } },
        ],
      },
    });
    expect(areas.map((a) => a.type)).toEqual(['polygon', 'polygon', 'polygon']);
    const first = areas[0] as { coordinates: number[][] };
    expect(first.coordinates.length).toBe(SAVED_AREA_VERTEX_BUDGET);
    expect((areas[1] as { coordinates: number[][] }).coordinates).toEqual(ring(10));
  });

  it('keeps areas given as an incident gives them', () => {
    const given = [{ type: 'geocode' as const, scheme: 'ISTAT_PROVINCE' as const, code: '087' }, { type: 'circle' as const, center: [15.1, 37.5] as [number, number], radiusKm: 5 }];
    expect(savedAreaShapes({ areas: given })).toEqual(given);
  });

  it('refuses what is not a polygon, naming where', () => {
    expect(() => savedAreaShapes({ geojson: { type: 'Point', coordinates: [15, 37] } })).toThrow(expect.objectContaining({ code: 'alert/invalid-incident', pointer: '/geojson' }));
    expect(() => savedAreaShapes({ geojson: { type: 'Polygon', coordinates: [[[15, 37], [15.1, 37]]] } })).toThrow(expect.objectContaining({ code: 'alert/invalid-incident', pointer: '/geojson/0/coordinates' }));
    expect(() => savedAreaShapes({})).toThrow(expect.objectContaining({ message: 'body: give either areas or geojson' }));
  });
});
