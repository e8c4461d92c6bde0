import { capDateTime } from '@faro/cap';
import { useTeamPlatform } from './team-platform';

// Runs once, not per queue backend: nothing here is queued (scripts/test.sh).

jest.setTimeout(300_000);

// Issue 8, point 5: a CAP alert for California was drafted with 0 cells, released and shown
// active with 0 deliveries. Italy's territory bounds the national jurisdiction, an area no cell
// reaches is refused at drafting, and a partly uncovered one is a warning.
describe('an alert must reach someone', () => {
  const team = useTeamPlatform('IT');

  // Lampedusa: the spec removes every cell over a small box on the island from its own copy of
  // the inventory, leaving a hole the size of the satellite cell(s) and sectors that covered it.
  const HOLE = { lon: 12.6, lat: 35.51 };

  beforeAll(async () => {
    await team.db.query(`DELETE FROM cells WHERE bbox && box(point($1, $2), point($3, $4))`, [HOLE.lon - 0.02, HOLE.lat - 0.02, HOLE.lon + 0.02, HOLE.lat + 0.02]);
    await team.db.query(`UPDATE cell_inventory SET version = version || '-hole'`);
    // The api re-reads the inventory version at most every 10 s.
    await new Promise((r) => setTimeout(r, 10_500));
  });

  const post = async (body: string, type: string) => {
    const r = await fetch(`${team.platform.baseUrl}/api/v1/incidents`, { method: 'POST', headers: { 'content-type': type, ...team.operator.headers }, body });
    return { status: r.status, body: (await r.json()) as any };
  };
  const postJson = (body: unknown) => post(JSON.stringify(body), 'application/json');
  const alertCount = async () => (await team.db.query(`SELECT count(*)::int AS n FROM alerts`)).rows[0].n as number;

  const incident = (areas: unknown[]) => ({
    hazard: 'flood',
    areas,
    severity: 'Severe',
    urgency: 'Expected',
    certainty: 'Likely',
    status: 'Exercise',
    languages: [{ language: 'it-IT', text: 'Esercitazione: mareggiata a Lampedusa.' }],
    expires: new Date(Date.now() + 3600_000).toISOString(),
  });

  it('refuses a CAP alert for California as outside Italy, pointing at its polygon, and drafts nothing', async () => {
    const now = new Date();
    const before = await alertCount();
    const r = await post(
      `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>california-${now.getTime()}</identifier>
  <sender>w-nws.webmaster@noaa.gov</sender>
  <sent>${capDateTime(now)}</sent>
  <status>Actual</status>
  <msgType>Alert</msgType>
  <scope>Public</scope>
  <info>
    <language>en-US</language>
    <category>Met</category>
    <event>Flash Flood Warning</event>
    <urgency>Immediate</urgency>
    <severity>Severe</severity>
    <certainty>Likely</certainty>
    <expires>${capDateTime(new Date(now.getTime() + 3600_000))}</expires>
    <description>Flash flooding in Sacramento County.</description>
    <area>
      <areaDesc>Sacramento County, CA</areaDesc>
      <polygon>38.3,-121.6 38.3,-121.1 38.7,-121.1 38.7,-121.6 38.3,-121.6</polygon>
    </area>
  </info>
</alert>`,
      'application/cap+xml',
    );
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ code: 'jurisdiction/outside', pointer: 'alert/info[0]/area[0]/polygon[0]' });
    expect(r.body.detail).toMatch(/^area 1 extends [\d.]+ km² outside Italia, into places far from Italy$/);
    expect(await alertCount()).toBe(before);
  });

  it('accepts the national jurisdiction in Italian waters and refuses it in the open sea', async () => {
    const waters = await postJson(incident([{ type: 'circle', center: [12.5, 37.6], radiusKm: 5 }])); // off Mazara del Vallo
    expect(waters.status).toBe(201);
    const sea = await postJson(incident([{ type: 'circle', center: [12.5, 37.6], radiusKm: 5 }, { type: 'circle', center: [12.15, 39.65], radiusKm: 20 }]));
    expect(sea.status).toBe(403);
    expect(sea.body).toMatchObject({ code: 'jurisdiction/outside', pointer: '/areas/1' });
    expect(sea.body.detail).toMatch(/^area 2 extends [\d.]+ km² outside Italia, into open sea$/);
  });

  it('refuses, at drafting, an area that no cell reaches, naming that area, and uses no message code', async () => {
    const before = await alertCount();
    const r = await postJson(
      incident([
        { type: 'geocode', scheme: 'ISTAT_MUNICIPALITY', code: '087015', description: 'Catania' },
        { type: 'circle', center: [HOLE.lon, HOLE.lat], radiusKm: 0.5, description: 'Lampedusa, porto' },
      ]),
    );
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ code: 'alert/area-reaches-no-cell', pointer: '/areas/1', title: 'Area reaches no cell' });
    expect(r.body.detail).toBe('area 2 (Lampedusa, porto) reaches no cell: no terrestrial or satellite cell covers any of it, so nobody there would be alerted');
    expect(await alertCount()).toBe(before);
  });

  it('drafts an area partly covered by no cell with a warning naming it, in the draft and in the preview', async () => {
    const r = await postJson(incident([{ type: 'circle', center: [HOLE.lon, HOLE.lat], radiusKm: 20, description: 'Lampedusa e acque' }]));
    expect(r.status).toBe(201);
    const targeting = r.body.alert.targeting;
    expect(targeting.counts.total).toBeGreaterThan(0);
    expect(targeting.areas).toEqual([expect.objectContaining({ reachesCells: true, pointer: '/areas/0' })]);
    expect(targeting.areas[0].uncoveredKm2).toBeGreaterThan(0.05 * targeting.areas[0].requestedKm2);
    const warning = targeting.warnings.find((w: { code: string }) => w.code === 'targeting/area-partly-uncovered');
    expect(warning).toEqual({ code: 'targeting/area-partly-uncovered', pointer: '/areas/0', message: expect.stringMatching(/^area 1 \(Lampedusa e acque\): [\d,.]+ km² of [\d,.]+ km² \(\d+%\) is covered by no cell; nobody there will be alerted$/) });

    const preview = await fetch(`${team.platform.baseUrl}/api/v1/alerts/${r.body.alertId}/preview`, { headers: team.operator.headers });
    expect(preview.status).toBe(200);
    expect(((await preview.json()) as any).targeting.warnings).toContainEqual(warning);
  });
});
