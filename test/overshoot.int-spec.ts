import { useTeamPlatform } from './team-platform';

// Runs once, not per queue backend: nothing here is queued (scripts/test.sh).

jest.setTimeout(300_000);

// Issue 8, point 9: Catania's 172.6 km² became 1,148.9 km² covered (×6.7), mostly by satellite
// beams, and nothing said so. The summary shares the overshoot out per route, gives what is left
// of it once phones apply the Warning Area Coordinates, and warns past OVERSHOOT_WARN_FACTOR.
const CATANIA_POLYGON = [[15.0, 37.45], [15.16, 37.45], [15.16, 37.56], [15.0, 37.56], [15.0, 37.45]];

const incident = (areas: unknown[]) => ({
  hazard: 'earthquake',
  areas,
  severity: 'Severe',
  urgency: 'Immediate',
  certainty: 'Observed',
  status: 'Exercise',
  languages: [{ language: 'it-IT', text: 'Esercitazione: terremoto nella zona di Catania.' }],
  expires: new Date(Date.now() + 3600_000).toISOString(),
});

async function draft(baseUrl: string, headers: Record<string, string>, areas: unknown[]) {
  const r = await fetch(`${baseUrl}/api/v1/incidents`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(incident(areas)) });
  const body = (await r.json()) as any;
  expect(r.status).toBe(201);
  return body as { alertId: string; alert: { targeting: any } };
}

describe('overshoot, with the default OVERSHOOT_WARN_FACTOR of 3', () => {
  const team = useTeamPlatform('IT-R19');

  it('reports the overshoot of each route, the satellite beams first, and warns of a ×6 broadcast in the draft and the preview', async () => {
    const { alertId, alert } = await draft(team.platform.baseUrl, team.operator.headers, [{ type: 'polygon', coordinates: CATANIA_POLYGON }]);
    const t = alert.targeting;
    expect(t.overshootWarnFactor).toBe(3);
    expect(t.coverageFactor).toBeGreaterThan(3);
    expect(t.coverageFactor).toBeCloseTo(t.coveredAreaKm2 / t.requestedAreaKm2, 1);
    const routes = Object.entries(t.routes) as Array<[string, { kind: string; overshootKm2: number }]>;
    for (const [, route] of routes) expect(route.overshootKm2).toBeGreaterThanOrEqual(0);
    const worst = routes.sort((a, b) => b[1].overshootKm2 - a[1].overshootKm2)[0];
    expect(worst[1].kind).toBe('satellite');
    // Each route's share is at most the whole; together they cover it (routes overlap).
    expect(worst[1].overshootKm2).toBeLessThanOrEqual(t.overshootKm2 * 1.05);
    expect(routes.reduce((sum, [, r]) => sum + r.overshootKm2, 0)).toBeGreaterThanOrEqual(t.overshootKm2 * 0.95);
    // The polygon travels as drawn in the Warning Area Coordinates: phones that apply them alert nowhere beyond it.
    expect(t.geofencedOvershootKm2).toBe(0);

    const warning = t.warnings.find((w: { code: string }) => w.code === 'targeting/overshoot');
    expect(warning.message).toMatch(new RegExp(`^the broadcast covers [\\d,.]+ km² for [\\d,.]+ km² requested \\(×\\d+\\.\\d, above the ×3 of OVERSHOOT_WARN_FACTOR\\): [\\d,.]+ km² beyond the area, most from ${worst[0]} \\(satellite, `));
    expect(warning.message).toMatch(/; phones that apply the geofence alert 0\.0 km² beyond it$/);

    const preview = await fetch(`${team.platform.baseUrl}/api/v1/alerts/${alertId}/preview`, { headers: team.operator.headers });
    expect(((await preview.json()) as any).targeting.warnings).toContainEqual(warning);
  });

  it('measures what is left after geofencing where the fence is a simplified boundary, and does not warn of a province-wide alert', async () => {
    const { alert } = await draft(team.platform.baseUrl, team.operator.headers, [{ type: 'geocode', scheme: 'ISTAT_PROVINCE', code: '087' }]);
    const t = alert.targeting;
    expect(t.coverageFactor).toBeLessThan(3);
    expect(t.warnings.map((w: { code: string }) => w.code)).not.toContain('targeting/overshoot');
    expect(t.geofencedOvershootKm2).toBeGreaterThan(0);
    expect(t.geofencedOvershootKm2).toBeLessThan(t.overshootKm2 / 10);
  });
});

describe('overshoot, with OVERSHOOT_WARN_FACTOR=10', () => {
  const team = useTeamPlatform('IT-R19', { OVERSHOOT_WARN_FACTOR: '10' });

  it('does not warn of the same Catania broadcast', async () => {
    const { alert } = await draft(team.platform.baseUrl, team.operator.headers, [{ type: 'polygon', coordinates: CATANIA_POLYGON }]);
    expect(alert.targeting.overshootWarnFactor).toBe(10);
    expect(alert.targeting.coverageFactor).toBeGreaterThan(3);
    expect(alert.targeting.warnings).toEqual([]);
  });
});
