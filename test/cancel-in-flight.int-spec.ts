import { callApi } from './auth-client';
import { waitUntil } from './platform';
import { useTeamPlatform } from './team-platform';

jest.setTimeout(300_000);

// A Cancel released while the alert it cancels is still fanning out: some batches are in the
// middle of their submission to a gateway. Whatever reached the air must be killed, and the
// record must say so. The simulated gateways are slowed down (100 cells a second on a CBC) so
// that a dozen batches are on their way when the Cancel is planned.
describe('a Cancel released during the fan-out', () => {
  const team = useTeamPlatform('IT-R06', {
    UPLINK_SIM_CAPACITY_FACTOR: '0.002',
    UPLINK_SIM_FAILURE_RATE: '0',
    FANOUT_BATCH_SIZE: '100',
    OUTBOX_STALE_MS: '2000',
  });

  const post = async (path: string, headers: Record<string, string>, body?: unknown) => {
    const r = await callApi(team.platform.baseUrl, 'POST', path, { headers, body });
    expect([r.status, r.body?.detail]).toEqual([path.endsWith('/release') ? 200 : 201, undefined]);
    return r.body;
  };

  it('kills every cell the batches in flight put on air, and records none as killed before transmission that went out', async () => {
    const incident = {
      hazard: 'industrial_accident',
      areas: [{ type: 'geocode', scheme: 'ISTAT_PROVINCE', code: '030' }],
      severity: 'Severe',
      urgency: 'Immediate',
      certainty: 'Likely',
      status: 'Actual',
      languages: [{ language: 'it-IT', text: 'Nube tossica a Udine: chiudersi in casa.' }],
      expires: new Date(Date.now() + 3 * 3600_000).toISOString(),
    };
    const target = (await post('/api/v1/incidents', team.operator.headers, incident)).alertId as string;
    await post(`/api/v1/alerts/${target}/release`, team.approver.headers);

    // Mid fan-out: something is on air, and batches are claimed by jobs but not finished.
    await waitUntil('first cells on air', async () => {
      const { rows } = await team.db.query(
        `SELECT (SELECT count(*) FROM deliveries WHERE alert_id = $1 AND status = 'broadcasting')::int AS on_air,
                (SELECT count(*) FROM fanout_batches WHERE alert_id = $1 AND status = 'pending' AND claimed_at IS NOT NULL)::int AS in_flight`,
        [target],
      );
      return rows[0].on_air > 0 && rows[0].in_flight > 0;
    }, 60_000, team.platform.logs);

    // Mid fan-out, the alert view counts every targeted cell, those of batches no job has claimed
    // yet (which have no delivery row until their claim) as queued.
    const midway = (await (await fetch(`${team.platform.baseUrl}/api/v1/alerts/${target}`, { headers: team.operator.headers })).json()) as any;
    expect(midway.delivery.total).toBe(midway.targeting.counts.total);
    expect(midway.delivery.byStatus.queued).toBeGreaterThan(0);

    const cancel = (await post('/api/v1/incidents', team.operator.headers, { ...incident, msgType: 'Cancel', references: target })).alertId as string;
    await post(`/api/v1/alerts/${cancel}/release`, team.approver.headers);
    await waitUntil('the Cancel planned', async () => (await team.db.query(`SELECT state FROM alerts WHERE id = $1`, [cancel])).rows[0].state !== 'approved', 60_000, team.platform.logs);
    const { rows: atCancel } = await team.db.query(
      `SELECT count(*) FILTER (WHERE status = 'pending' AND claimed_at IS NOT NULL)::int AS in_flight,
              count(*) FILTER (WHERE status = 'failed' AND last_error = 'cancelled')::int AS dropped,
              (SELECT state FROM alerts WHERE id = $1) AS state
         FROM fanout_batches WHERE alert_id = $1`,
      [target],
    );
    // The race this test is about did happen: batches were in flight when the Cancel was planned.
    expect(atCancel[0].in_flight).toBeGreaterThan(0);
    // While cells may still be on air the alert is cancelling, not yet cancelled.
    expect(atCancel[0].state).toBe('cancelling');

    await waitUntil('every batch finished', async () => {
      const { rows } = await team.db.query(
        `SELECT (SELECT state FROM alerts WHERE id = $2) AS cancel_state,
                (SELECT count(*) FROM fanout_batches WHERE alert_id IN ($1, $2) AND status = 'pending')::int AS pending`,
        [target, cancel],
      );
      return rows[0].cancel_state === 'done' && rows[0].pending === 0;
    }, 180_000, team.platform.logs);

    expect((await team.db.query(`SELECT state FROM alerts WHERE id = $1`, [target])).rows[0].state).toBe('cancelled');

    // What the gateways did (the simulator's own record): every cell transmitted was killed.
    const { rows: air } = await team.db.query(
      `SELECT route_id, kind, sum(cell_count)::int AS cells FROM broadcasts WHERE alert_id = $1 GROUP BY route_id, kind ORDER BY route_id, kind`,
      [target],
    );
    const byRoute = new Map<string, { broadcast: number; kill: number }>();
    for (const r of air) {
      const e = byRoute.get(r.route_id) ?? { broadcast: 0, kill: 0 };
      e[r.kind as 'broadcast' | 'kill'] = r.cells;
      byRoute.set(r.route_id, e);
    }
    expect(byRoute.size).toBeGreaterThan(0);
    for (const [route, e] of byRoute) expect({ route, killed: e.kill }).toEqual({ route, killed: e.broadcast });

    // What PostgreSQL says: nothing of the target on air or waiting, and a cell is "killed before
    // transmission" only in a batch that never reached a gateway.
    const { rows: statuses } = await team.db.query(`SELECT status, reason, count(*)::int AS n FROM deliveries WHERE alert_id = $1 GROUP BY 1, 2 ORDER BY 1, 2`, [target]);
    expect(statuses.filter((s) => s.status === 'broadcasting' || s.status === 'queued')).toEqual([]);
    expect(statuses.map((s) => s.reason).sort()).toEqual(expect.arrayContaining(['cancelled']));
    // One row per targeted cell, batches no job claimed included: their rows, which the claim
    // would have written (issue 15), were written by the Cancel's drop.
    const { rows: [{ targeted }] } = await team.db.query(`SELECT (targeting->'counts'->>'total')::int AS targeted FROM alerts WHERE id = $1`, [target]);
    expect(statuses.reduce((n, s) => n + s.n, 0)).toBe(targeted);
    expect(atCancel[0].dropped).toBeGreaterThan(0);
    const { rows: contradictions } = await team.db.query(
      `SELECT d.route_id, d.batch, count(*)::int AS n FROM deliveries d
        WHERE d.alert_id = $1 AND d.reason = 'cancelled before transmission'
          AND EXISTS (SELECT 1 FROM broadcasts b JOIN messages m ON m.id = b.message_id
                       WHERE b.kind = 'broadcast' AND m.alert_id = d.alert_id AND b.submission_id = m.id || ':' || d.route_id || ':' || d.batch)
        GROUP BY 1, 2`,
      [target],
    );
    expect(contradictions).toEqual([]);
    const killedOnAir = statuses.filter((s) => s.reason === 'cancelled').reduce((n, s) => n + s.n, 0);
    expect(killedOnAir).toBe([...byRoute.values()].reduce((n, e) => n + e.broadcast, 0));

    // The Cancel's own record says the same: killed on air, or withdrawn before transmission.
    const kills = await callApi(team.platform.baseUrl, 'GET', `/api/v1/alerts/${cancel}/kills`, { headers: team.operator.headers });
    const withdrawn = statuses.filter((s) => s.reason === 'cancelled before transmission').reduce((n, s) => n + s.n, 0);
    expect(kills.body.counts).toEqual({ killed: killedOnAir, withdrawn, 'on-air': 0, queued: 0 });
    for (const r of kills.body.routes) {
      const e = byRoute.get(r.routeId) ?? { broadcast: 0, kill: 0 };
      expect({ route: r.routeId, killed: r.counts.killed, acknowledged: r.transmissions.reduce((n: number, t: any) => n + t.cells, 0) }).toEqual({ route: r.routeId, killed: e.kill, acknowledged: e.kill });
    }
  });
});
