import { sectorWedge } from './sector-wedge';

const M_PER_DEG_LAT = 110574;

describe('sectorWedge', () => {
  const site: [number, number] = [15.08, 37.5];
  const wedge = sectorWedge(site, 90, 65, 1000);
  const ring = wedge.coordinates[0];

  it('starts and ends at the site with eight arc points between', () => {
    expect(ring).toHaveLength(10);
    expect(ring[0]).toEqual(site);
    expect(ring[9]).toEqual(site);
  });

  it('puts the arc points at the radius, from azimuth + half width down to azimuth − half width', () => {
    const mPerDegLon = 111320 * Math.cos((site[1] * Math.PI) / 180);
    const bearings = ring.slice(1, 9).map(([x, y]) => {
      const dx = (x - site[0]) * mPerDegLon;
      const dy = (y - site[1]) * M_PER_DEG_LAT;
      expect(Math.hypot(dx, dy)).toBeCloseTo(1000, -1);
      return (Math.atan2(dx, dy) * 180) / Math.PI;
    });
    expect(bearings[0]).toBeCloseTo(155, 1);
    expect(bearings[7]).toBeCloseTo(25, 1);
  });

  it('winds counter-clockwise as RFC 7946 asks', () => {
    let twiceArea = 0;
    for (let i = 0; i + 1 < ring.length; i++) {
      twiceArea += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
    }
    expect(twiceArea).toBeGreaterThan(0);
  });
});
