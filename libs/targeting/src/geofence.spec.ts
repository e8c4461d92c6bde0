import { geofences } from './geofence';
import type { AreaGeometry } from './geometry';

// A ring of n vertices around Catania, closed.
function ring(n: number): number[][] {
  const r = Array.from({ length: n }, (_, i) => [15.08 + 0.2 * Math.cos((2 * Math.PI * i) / n), 37.5 + 0.15 * Math.sin((2 * Math.PI * i) / n)]);
  return [...r, r[0]];
}

describe('the geofence a broadcast carries', () => {
  it('keeps a circle a circle, a point widened to the smallest radius targeting uses', () => {
    const fence = geofences([{ kind: 'circle', center: [15.08, 37.5], radiusKm: 0 }], [{ type: 'Polygon', coordinates: [ring(8)] }]);
    expect(fence.geometries).toEqual([null]);
    expect(fence.shapes).toEqual([{ type: 'circle', center: { lon: 15.08, lat: 37.5 }, radiusKm: 0.5 }]);
  });

  it('sends a small drawn polygon as drawn, and says the phone fences exactly the area', () => {
    const drawn = ring(12);
    const g: AreaGeometry = { type: 'Polygon', coordinates: [drawn] };
    const { shapes: [shape], geometries } = geofences([{ kind: 'polygon', ring: drawn as [number, number][] }], [g]);
    expect(shape).toEqual({ type: 'polygon', vertices: drawn.slice(0, -1).map(([lon, lat]) => ({ lat, lon })) });
    expect(geometries).toEqual([null]);
  });

  it('simplifies a boundary of many vertices to at most 40, and returns the fence it became', () => {
    const g: AreaGeometry = { type: 'Polygon', coordinates: [ring(2_000)] };
    const spec = { kind: 'geocode' as const, scheme: 'ISTAT_PROVINCE' as const, code: '087' };
    const { shapes: [shape], geometries } = geofences([spec], [g]);
    expect(shape.type).toBe('polygon');
    expect(shape.type === 'polygon' && shape.vertices.length).toBeLessThanOrEqual(40);
    expect(shape.type === 'polygon' && shape.vertices.length).toBeGreaterThanOrEqual(3);
    expect(geometries).toMatchObject([{ type: 'MultiPolygon' }]);
  });

  it('keeps the eight largest parts of a many-part area', () => {
    const parts = Array.from({ length: 10 }, (_, i) => [ring(5 + i)]);
    const fence = geofences([{ kind: 'geocode', scheme: 'ISTAT_REGION', code: '19' }], [{ type: 'MultiPolygon', coordinates: parts }]).shapes;
    expect(fence).toHaveLength(8);
    expect(fence.map((f) => (f.type === 'polygon' ? f.vertices.length : 0))).toEqual([14, 13, 12, 11, 10, 9, 8, 7]);
  });

  it('gives the fences of several areas in their order, shapes and geometries', () => {
    const drawn = ring(12);
    const specs = [
      { kind: 'circle' as const, center: [15.08, 37.5] as [number, number], radiusKm: 3 },
      { kind: 'polygon' as const, ring: drawn as [number, number][] },
      { kind: 'geocode' as const, scheme: 'ISTAT_PROVINCE' as const, code: '087' },
    ];
    const geometries: AreaGeometry[] = [{ type: 'Polygon', coordinates: [ring(8)] }, { type: 'Polygon', coordinates: [drawn] }, { type: 'Polygon', coordinates: [ring(2_000)] }];
    const both = geofences(specs, geometries);
    expect(both.geometries.map((g) => g?.type ?? null)).toEqual([null, null, 'MultiPolygon']);
    expect(both.shapes.map((s) => s.type)).toEqual(['circle', 'polygon', 'polygon']);
    expect(both.shapes[1]).toEqual({ type: 'polygon', vertices: drawn.slice(0, -1).map(([lon, lat]) => ({ lat, lon })) });
  });
});
