import { callApi } from './auth-client';
import { releasedAlert } from './released-alert';
import { waitUntil } from './platform';
import { useTeamPlatform } from './team-platform';

jest.setTimeout(300_000);

const PORDENONE = { type: 'geocode', scheme: 'ISTAT_PROVINCE', code: '093' };

// A Cancel puts nothing on air: it kills. Its states say so (approved, killing, done), its target
// is cancelling until every kill is finished and cancelled after, a second Cancel is refused, and
// the kills are listed per route and cell under the Cancel.
describe('the lifecycle of a Cancel', () => {
  const team = useTeamPlatform('IT-R06');
  const api = (method: string, path: string, who: { headers: Record<string, string> } = team.operator) => callApi(team.platform.baseUrl, method, path, { headers: who.headers });
  const incident = () => ({
    hazard: 'flood',
    severity: 'Severe',
    urgency: 'Expected',
    certainty: 'Likely',
    status: 'Actual',
    areas: [PORDENONE],
    expires: new Date(Date.now() + 3 * 3600_000).toISOString(),
    languages: [{ language: 'it-IT', text: 'Piena del Livenza: allontanarsi dagli argini.' }],
  });
  const stateOf = async (id: string) => (await team.db.query(`SELECT state FROM alerts WHERE id = $1`, [id])).rows[0].state as string;
  const actions = async (id: string) => (await team.db.query(`SELECT action, at FROM audit_log WHERE subject_id = $1 ORDER BY id`, [id])).rows;

  it('goes from approved through killing to done, marks its target cancelled once the kills are finished, refuses a second Cancel, and lists its kills', async () => {
    const target = await releasedAlert({ baseUrl: team.platform.baseUrl, db: team.db, logs: team.platform.logs }, incident(), team);
    const onAir = (await team.db.query(`SELECT count(*)::int AS n FROM deliveries WHERE alert_id = $1 AND status = 'broadcasting'`, [target])).rows[0].n;
    expect(onAir).toBeGreaterThan(0);

    // Two Cancels drafted while the alert is on air: both are drafts.
    const first = await api('POST', `/api/v1/alerts/${target}/cancel`);
    const second = await api('POST', `/api/v1/alerts/${target}/cancel`);
    expect([first.status, first.body.state, first.body.links.kills]).toEqual([201, 'draft', `/api/v1/alerts/${first.body.id}/kills`]);
    expect(second.status).toBe(201);

    // Releasing the first takes the target off the air at once; the second can no longer apply.
    const released = await api('POST', `/api/v1/alerts/${first.body.id}/release`, team.approver);
    expect([released.status, released.body.state]).toEqual([200, 'approved']);
    const refused = await api('POST', `/api/v1/alerts/${second.body.id}/release`, team.approver);
    expect([refused.status, refused.body.code, refused.body.detail]).toEqual([409, 'alert/already-cancelled', expect.stringMatching(/another Cancel already took it off the air/)]);
    expect(await stateOf(second.body.id)).toBe('draft');
    const third = await api('POST', `/api/v1/alerts/${target}/cancel`);
    expect([third.status, third.body.code]).toEqual([409, 'alert/already-cancelled']);

    const cancel = first.body.id as string;
    const final = await waitUntil('the Cancel finished', async () => {
      const s = await stateOf(cancel);
      return ['approved', 'killing'].includes(s) ? undefined : s;
    }, 120_000, team.platform.logs);
    expect(final).toBe('done');
    expect(await stateOf(target)).toBe('cancelled');
    expect((await actions(cancel)).map((a) => a.action)).toEqual(['alert.drafted', 'alert.pending_approval', 'alert.approved', 'alert.killing', 'alert.done']);
    const targetTrail = await actions(target);
    expect(targetTrail.map((a) => a.action).slice(-3)).toEqual(['alert.active', 'alert.cancelling', 'alert.cancelled']);

    // Cancelled only once the last kill was acknowledged and its batch finished.
    const { rows: lastKill } = await team.db.query(
      `SELECT (SELECT max(transmitted_at) FROM broadcasts WHERE alert_id = $1 AND kind = 'kill') AS acked,
              (SELECT max(updated_at) FROM fanout_batches WHERE alert_id = $2 AND kind = 'kill') AS finished`,
      [target, cancel],
    );
    const cancelledAt = new Date(targetTrail[targetTrail.length - 1].at).getTime();
    expect(cancelledAt).toBeGreaterThanOrEqual(new Date(lastKill[0].acked).getTime());
    expect(cancelledAt).toBeGreaterThanOrEqual(new Date(lastKill[0].finished).getTime());

    // ?state=active means on air: neither the Cancel nor what it cancelled.
    const active = (await api('GET', '/api/v1/alerts?state=active&limit=200')).body.items.map((a: any) => a.id);
    expect(active).not.toContain(cancel);
    expect(active).not.toContain(target);
    expect((await api('GET', '/api/v1/alerts?state=done&limit=200')).body.items.map((a: any) => a.id)).toContain(cancel);

    // The kills, per route and cell: every cell that was on air, killed, and what the gateways acknowledged.
    const kills = await api('GET', `/api/v1/alerts/${cancel}/kills`);
    expect(kills.status).toBe(200);
    expect(kills.body).toMatchObject({ alertId: cancel, target, state: 'done', counts: { killed: onAir, withdrawn: 0, 'on-air': 0, queued: 0 } });
    expect(kills.body.routes.length).toBeGreaterThan(0);
    for (const r of kills.body.routes) {
      expect(r.killBatches).toMatchObject({ pending: 0, failed: 0 });
      expect(r.killBatches.done).toBeGreaterThan(0);
      expect(r.cells.length).toBe(r.counts.killed);
      expect(r.cells.every((c: any) => c.outcome === 'killed' && c.reason === 'cancelled' && !Number.isNaN(Date.parse(c.at)))).toBe(true);
      expect(r.transmissions.reduce((n: number, t: any) => n + t.cells, 0)).toBe(r.counts.killed);
    }
    const { rows: perRoute } = await team.db.query(`SELECT route_id, count(*)::int AS n FROM deliveries WHERE alert_id = $1 AND status = 'killed' GROUP BY 1 ORDER BY 1`, [target]);
    expect(kills.body.routes.map((r: any) => [r.routeId, r.counts.killed])).toEqual(perRoute.map((r) => [r.route_id, r.n]));

    const notACancel = await api('GET', `/api/v1/alerts/${target}/kills`);
    expect([notACancel.status, notACancel.body.code]).toEqual([404, 'alert/not-a-cancel']);
  });

  it('refuses with 409 a Cancel of an alert that is not on air, and a Cancel of a Cancel', async () => {
    const draft = await callApi(team.platform.baseUrl, 'POST', '/api/v1/incidents', { headers: team.operator.headers, body: incident() });
    expect(draft.status).toBe(201);
    const refused = await api('POST', `/api/v1/alerts/${draft.body.alertId}/cancel`);
    expect([refused.status, refused.body.code, refused.body.detail]).toEqual([409, 'alert/not-on-air', `Alert ${draft.body.alertId} is draft, not on air: there is nothing to cancel`]);

    const live = await releasedAlert({ baseUrl: team.platform.baseUrl, db: team.db, logs: team.platform.logs }, incident(), team);
    const cancel = await api('POST', `/api/v1/alerts/${live}/cancel`);
    const ofACancel = await api('POST', `/api/v1/alerts/${cancel.body.id}/cancel`);
    expect([ofACancel.status, ofACancel.body.code]).toEqual([409, 'alert/not-on-air']);
  });
});
