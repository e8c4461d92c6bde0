import { releasedAlert } from './released-alert';
import { useTeamPlatform } from './team-platform';

jest.setTimeout(300_000);

// Udine (030) and Pordenone (093), side by side in Friuli Venezia Giulia.
const UDINE = { type: 'geocode', scheme: 'ISTAT_PROVINCE', code: '030' };
const PORDENONE = { type: 'geocode', scheme: 'ISTAT_PROVINCE', code: '093' };

describe('an Update over fewer cells', () => {
  const team = useTeamPlatform('IT-R06');
  const release = (body: Record<string, unknown>) => releasedAlert({ baseUrl: team.platform.baseUrl, db: team.db, logs: team.platform.logs }, body, team);

  const cellsOf = async (alertId: string, status?: string) =>
    new Set(
      (await team.db.query(`SELECT DISTINCT cell_id FROM deliveries WHERE alert_id = $1 AND ($2::text IS NULL OR status = $2)`, [alertId, status ?? null])).rows.map(
        (r) => r.cell_id as string,
      ),
    );

  it('kills the old message in the cells it drops and lets its own broadcast replace it in the others', async () => {
    const incident = {
      hazard: 'flood',
      severity: 'Severe',
      urgency: 'Expected',
      certainty: 'Likely',
      status: 'Actual',
      expires: new Date(Date.now() + 3 * 3600_000).toISOString(),
    };
    const first = await release({ ...incident, areas: [UDINE, PORDENONE], languages: [{ language: 'it-IT', text: 'Piena del Tagliamento: evitare gli argini.' }] });
    const before = await cellsOf(first, 'broadcasting');
    const update = await release({
      ...incident,
      msgType: 'Update',
      references: first,
      areas: [UDINE],
      languages: [{ language: 'it-IT', text: 'Piena del Tagliamento: ora solo in provincia di Udine.' }],
    });
    const kept = await cellsOf(update);
    const dropped = [...before].filter((c) => !kept.has(c));
    expect(kept.size).toBeGreaterThan(0);
    expect(dropped.length).toBeGreaterThan(0);

    // The dropped cells are killed under the old serial number; the kept ones stay as they were,
    // now carrying the Update.
    expect(await cellsOf(first, 'killed')).toEqual(new Set(dropped));
    expect([...(await cellsOf(first, 'broadcasting'))].every((c) => kept.has(c))).toBe(true);
    expect(await cellsOf(update, 'broadcasting')).toEqual(kept);
    const { rows: serials } = await team.db.query(`SELECT serial_number FROM alerts a JOIN messages m ON m.alert_id = a.id WHERE a.id = $1`, [first]);
    const { rows: kills } = await team.db.query(
      `SELECT serial_number, sum(cell_count)::int AS cells FROM broadcasts WHERE alert_id = $1 AND kind = 'kill' GROUP BY serial_number`,
      [first],
    );
    expect(kills).toEqual([{ serial_number: serials[0].serial_number, cells: dropped.length }]);
    const { rows: reasons } = await team.db.query(`SELECT DISTINCT reason FROM deliveries WHERE alert_id = $1 AND status = 'killed'`, [first]);
    expect(reasons).toEqual([{ reason: 'outside the Update' }]);
    expect((await team.db.query(`SELECT state FROM alerts WHERE id = $1`, [first])).rows[0].state).toBe('updated');
    const { rows: audit } = await team.db.query(`SELECT details FROM audit_log WHERE subject_id = $1 AND action = 'alert.updated'`, [first]);
    expect(audit[0].details.killBatches).toBeGreaterThan(0);

    // A second Update over the same cells kills nothing more.
    const again = await release({ ...incident, msgType: 'Update', references: update, areas: [UDINE], languages: [{ language: 'it-IT', text: 'Piena in calo.' }] });
    expect((await team.db.query(`SELECT count(*)::int AS n FROM fanout_batches WHERE alert_id = $1 AND kind = 'kill'`, [again])).rows[0].n).toBe(0);
    expect((await cellsOf(update, 'killed')).size).toBe(0);
  });
});
