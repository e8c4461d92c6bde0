import { jsonDeeperThan, MAX_JSON_DEPTH } from './json-depth';

describe('jsonDeeperThan', () => {
  const nested = (depth: number): unknown => {
    let v: unknown = 1;
    for (let i = 0; i < depth; i++) v = i % 2 ? { a: v } : [v];
    return v;
  };

  it('counts arrays and objects as levels, not scalars', () => {
    expect(jsonDeeperThan(nested(3), 3)).toBe(false);
    expect(jsonDeeperThan(nested(4), 3)).toBe(true);
    expect(jsonDeeperThan('text', 0)).toBe(false);
    expect(jsonDeeperThan({ a: [1, 2, { b: null }] }, 3)).toBe(false);
  });

  it('passes the deepest body Faro takes: a MultiPolygon in a FeatureCollection', () => {
    const fc = { geojson: { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: [[[[15, 37], [15.1, 37], [15, 37.1], [15, 37]]]] } }] } };
    expect(jsonDeeperThan(fc, MAX_JSON_DEPTH)).toBe(false);
  });

  it('finds 20,000 nested arrays without exhausting the stack', () => {
    expect(jsonDeeperThan(JSON.parse('['.repeat(20_000) + ']'.repeat(20_000)), MAX_JSON_DEPTH)).toBe(true);
  });
});
