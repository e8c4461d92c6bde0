import { AREA_LIMITS, assertAreaLimits, assertCountWithin } from './area-limits';
import { TargetingError } from './targeting-error';

function refusal(work: () => void): TargetingError {
  try {
    work();
  } catch (e) {
    return e as TargetingError;
  }
  throw new Error('not refused');
}

describe('assertAreaLimits', () => {
  it('accepts a polygon of exactly the most vertices allowed', () => {
    expect(() => assertAreaLimits([{ pointer: '/areas/0/coordinates', vertices: AREA_LIMITS.verticesPerPolygon }])).not.toThrow();
  });

  it('refuses a polygon of one vertex more, naming it', () => {
    const e = refusal(() =>
      assertAreaLimits([
        { pointer: '/areas/0', vertices: 0 },
        { pointer: '/areas/1/coordinates', vertices: AREA_LIMITS.verticesPerPolygon + 1 },
      ]),
    );
    expect(e).toBeInstanceOf(TargetingError);
    expect(e.code).toBe('targeting/area-over-limit');
    expect(e.pointer).toBe('/areas/1/coordinates');
    expect(e.message).toBe(`/areas/1/coordinates: a polygon may have at most 10000 positions, this one has 10001`);
  });

  it('refuses the polygon that takes the alert past its total of vertices', () => {
    const polygons = Array.from({ length: 6 }, (_, i) => ({ pointer: `alert/info[0]/area[${i}]/polygon[0]`, vertices: 9_000 }));
    const e = refusal(() => assertAreaLimits(polygons));
    expect(e.code).toBe('targeting/area-over-limit');
    expect(e.pointer).toBe('alert/info[0]/area[5]/polygon[0]');
    expect(e.message).toContain('at most 50000 positions in all; this polygon takes them to 54000');
  });

  it('refuses the first area beyond the count allowed', () => {
    const areas = Array.from({ length: AREA_LIMITS.areasPerAlert + 1 }, (_, i) => ({ pointer: `alert/info[0]/area[0]/circle[${i}]`, vertices: 0 }));
    const e = refusal(() => assertAreaLimits(areas));
    expect(e.pointer).toBe('alert/info[0]/area[0]/circle[100]');
    expect(e.message).toContain('at most 100 areas');
  });
});

describe('assertCountWithin', () => {
  it('names the first element beyond the maximum', () => {
    const e = refusal(() => assertCountWithin(3, 2, (i) => `alert/info[0]/area[${i}]`, '<area> elements'));
    expect(e.code).toBe('targeting/area-over-limit');
    expect(e.pointer).toBe('alert/info[0]/area[2]');
    expect(e.message).toBe('alert/info[0]/area[2]: at most 2 <area> elements, found 3');
  });

  it('lets the maximum itself pass', () => {
    expect(() => assertCountWithin(2, 2, (i) => `x[${i}]`, 'things')).not.toThrow();
  });
});
