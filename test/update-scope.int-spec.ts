import { callApi } from './auth-client';
import { releasedAlert } from './released-alert';
import { useTeamPlatform } from './team-platform';

jest.setTimeout(300_000);

const PORDENONE = { type: 'geocode', scheme: 'ISTAT_PROVINCE', code: '093' };

// TS 23.041 §9.4.1.2.1: a handset takes a message as the update of one it holds only when the
// message identifier, the geographical scope and the message code match. Otherwise it keeps the
// old text and shows the new one as a second alert.
describe('an Update as handsets see it', () => {
  const team = useTeamPlatform('IT-R06');
  const release = (body: Record<string, unknown>) => releasedAlert({ baseUrl: team.platform.baseUrl, db: team.db, logs: team.platform.logs }, body, team);
  const view = async (id: string) => (await callApi(team.platform.baseUrl, 'GET', `/api/v1/alerts/${id}`, { headers: team.operator.headers })).body;
  const incident = (over: Record<string, unknown>) => ({
    hazard: 'flood',
    status: 'Actual',
    areas: [PORDENONE],
    expires: new Date(Date.now() + 3 * 3600_000).toISOString(),
    languages: [{ language: 'it-IT', text: 'Piena del Livenza: allontanarsi dagli argini.' }],
    ...over,
  });
  const deliveries = async (alertId: string) =>
    (await team.db.query(`SELECT cell_id, status, reason, message_identifier, serial_number FROM deliveries WHERE alert_id = $1 ORDER BY cell_id`, [alertId])).rows;

  it('keeps the scope of the message it updates when its severity would choose another, so it replaces the old text in every cell', async () => {
    // Extreme, Immediate, Possible: public safety (4396), displayed at once (scope 0).
    const first = await release(incident({ severity: 'Extreme', urgency: 'Immediate', certainty: 'Possible' }));
    const before = await view(first);
    expect([before.cellBroadcast.messageIdentifier, before.cellBroadcast.geographicalScope]).toEqual([4396, 0]);

    // Severe is still public safety (4396); on its own it would be displayed normally (scope 3).
    const update = await release(incident({ msgType: 'Update', references: first, severity: 'Severe', urgency: 'Immediate', certainty: 'Possible', languages: [{ language: 'it-IT', text: 'Piena del Livenza in calo.' }] }));
    const after = await view(update);
    expect(after.cellBroadcast).toMatchObject({ messageIdentifier: 4396, geographicalScope: 0, messageCode: before.cellBroadcast.messageCode, updateNumber: before.cellBroadcast.updateNumber + 1 });
    expect(after.cellBroadcast.serialNumber).toBe(before.cellBroadcast.serialNumber + 1);

    // On air: the same identifier and the serial one update further, in every cell the old one was in.
    const old = await deliveries(first);
    const now = await deliveries(update);
    expect(new Set(now.map((d) => `${d.message_identifier}:${d.serial_number}`))).toEqual(new Set([`4396:${before.cellBroadcast.serialNumber + 1}`]));
    expect(now.map((d) => d.cell_id)).toEqual(old.map((d) => d.cell_id));
    expect(now.every((d) => d.status === 'broadcasting')).toBe(true);
    // Nothing to kill: the Update replaces the old message wherever it was.
    expect((await team.db.query(`SELECT count(*)::int AS n FROM fanout_batches WHERE alert_id = $1 AND kind = 'kill'`, [update])).rows[0].n).toBe(0);
    expect(old.filter((d) => d.status === 'killed')).toEqual([]);
  });

  it('takes the scope of the message it updates again when an edit brings its identifier back to that message', async () => {
    // Severe, Immediate, Possible: public safety (4396), scope 3.
    const first = await release(incident({ severity: 'Severe', urgency: 'Immediate', certainty: 'Possible' }));
    const before = await view(first);
    expect([before.cellBroadcast.messageIdentifier, before.cellBroadcast.geographicalScope]).toEqual([4396, 3]);
    // Drafted as Extreme, Immediate, Observed (4371): a new message, scope 0 of its own.
    const drafted = await callApi(team.platform.baseUrl, 'POST', '/api/v1/incidents', {
      headers: team.operator.headers,
      body: incident({ msgType: 'Update', references: first, severity: 'Extreme', urgency: 'Immediate', certainty: 'Observed' }),
    });
    expect(drafted.status).toBe(201);
    expect((await view(drafted.body.alertId)).cellBroadcast).toMatchObject({ messageIdentifier: 4371, geographicalScope: 0 });
    // Edited to Extreme, Immediate, Possible: public safety again, so it must match the message on air.
    const edited = await callApi(team.platform.baseUrl, 'PATCH', `/api/v1/alerts/${drafted.body.alertId}`, { headers: team.operator.headers, body: { certainty: 'Possible' } });
    expect(edited.status).toBe(200);
    expect(edited.body.cellBroadcast).toMatchObject({ messageIdentifier: 4396, geographicalScope: 3, serialNumber: before.cellBroadcast.serialNumber + 1 });
    expect((await view(drafted.body.alertId)).cellBroadcast.geographicalScope).toBe(3);
  });

  it('kills the old message in every cell and broadcasts the Update as a new message when its message identifier changes', async () => {
    // Severe, Expected, Likely: 4378, scope 3.
    const first = await release(incident({ severity: 'Severe', urgency: 'Expected', certainty: 'Likely' }));
    const before = await view(first);
    expect([before.cellBroadcast.messageIdentifier, before.cellBroadcast.geographicalScope]).toEqual([4378, 3]);
    const old = await deliveries(first);
    expect(old.length).toBeGreaterThan(0);

    // Extreme, Immediate, Observed: 4371. No handset replaces a 4378 message by a 4371 one.
    const update = await release(incident({ msgType: 'Update', references: first, severity: 'Extreme', urgency: 'Immediate', certainty: 'Observed', languages: [{ language: 'it-IT', text: 'Argini del Livenza ceduti: salire ai piani alti.' }] }));
    const after = await view(update);
    // A new message: its own identifier and the scope its classification chooses; the chain keeps
    // its message code and counts the update (docs/broadcast-format.md, "Updates").
    expect(after.cellBroadcast).toMatchObject({ messageIdentifier: 4371, geographicalScope: 0, messageCode: before.cellBroadcast.messageCode, updateNumber: before.cellBroadcast.updateNumber + 1 });

    // The old message is killed, under its own identifier and serial, in every cell it was on air.
    const killedOld = await deliveries(first);
    expect(killedOld.map((d) => [d.cell_id, d.status, d.reason])).toEqual(old.map((d) => [d.cell_id, 'killed', 'not replaced by the Update (none of its messages has this identifier)']));
    const { rows: kills } = await team.db.query(
      `SELECT message_identifier, serial_number, sum(cell_count)::int AS cells FROM broadcasts WHERE alert_id = $1 AND kind = 'kill' GROUP BY 1, 2`,
      [first],
    );
    expect(kills).toEqual([{ message_identifier: 4378, serial_number: before.cellBroadcast.serialNumber, cells: old.length }]);
    // The new message is on air in the same cells.
    const now = await deliveries(update);
    expect(now.map((d) => [d.cell_id, d.status, d.message_identifier])).toEqual(old.map((d) => [d.cell_id, 'broadcasting', 4371]));
    expect((await view(first)).state).toBe('updated');
  });
});
