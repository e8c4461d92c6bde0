import { satelliteLookup } from './satellite-lookup';

describe('satelliteLookup', () => {
  it('asks the sky with each satellite cell’s centre, and serves an id that names no satellite cell by none', () => {
    const asked: unknown[] = [];
    const at = new Date('2026-05-30T12:00:00Z');
    const lookup = satelliteLookup({
      servingSatellites: (cells, gatewayId, when) => {
        asked.push({ cells, gatewayId, when });
        return new Map(cells.map((c) => [c.id, '58705']));
      },
    });
    const out = lookup('sat-sud', ['S-853f5a2bfffffff', 'T-222-01-7', 'S-nonsense'], at);
    expect([...out]).toEqual([['S-853f5a2bfffffff', '58705'], ['T-222-01-7', null], ['S-nonsense', null]]);
    expect(asked).toEqual([{ cells: [{ id: 'S-853f5a2bfffffff', lon: expect.any(Number), lat: expect.any(Number) }], gatewayId: 'sat-sud', when: at }]);
  });
});
