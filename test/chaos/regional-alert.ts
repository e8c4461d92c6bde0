import type { Client } from 'pg';
import { callApi } from '../auth-client';
import { cataniaFlood } from '../fixtures/catania-flood';
import { waitUntil, type Platform } from '../platform';
import { grantToken } from '../principals';

// What the chaos specs share: a slowed platform, a regional alert released by two people, and
// the check that every targeted cell went on air exactly once.
// Slow gateways and small batches, so that there is a "during" for the fault.
export const SLOW = { FANOUT_BATCH_SIZE: '150', UPLINK_SIM_CAPACITY_FACTOR: '0.1', UPLINK_SIM_FAILURE_RATE: '0', WORKER_CONCURRENCY: '4', OUTBOX_STALE_MS: '2000' };

// The whole of Umbria (IT-R10): a regional alert of about 2,300 terrestrial cells and the
// satellite beams over it, some twenty batches of 150 on several routes.
export async function releaseRegionalAlert(platform: Platform, databaseUrl: string, text: string): Promise<string> {
  const operator = await grantToken(databaseUrl, ['operator'], 'IT-R10');
  const approver = await grantToken(databaseUrl, ['approver'], 'IT-R10');
  const created = await callApi(platform.baseUrl, 'POST', '/api/v1/incidents', {
    headers: operator.headers,
    body: cataniaFlood({ areas: [{ type: 'geocode', scheme: 'ISTAT_REGION', code: '10', description: 'Regione Umbria' }], languages: [{ language: 'it-IT', text }] }),
  });
  expect(created.status).toBe(201);
  const id = created.body.alertId as string;
  expect((await callApi(platform.baseUrl, 'POST', `/api/v1/alerts/${id}/release`, { headers: approver.headers })).status).toBe(200);
  return id;
}

// Every targeted cell on air once per message, counted from the gateways' own append-only record.
export async function expectExactlyOnce(db: Client, id: string, logs: () => string): Promise<void> {
  await waitUntil(`alert ${id} active`, async () => (await db.query(`SELECT state FROM alerts WHERE id = $1`, [id])).rows[0]?.state === 'active', 300_000, logs);
  const { rows: perCell } = await db.query(
    `SELECT cell, message_identifier, count(*)::int AS n FROM gateway_transmissions, unnest(cell_ids) AS cell WHERE alert_id = $1 GROUP BY cell, message_identifier`,
    [id],
  );
  const { rows: [{ n: targeted }] } = await db.query(`SELECT count(*)::int AS n FROM deliveries WHERE alert_id = $1`, [id]);
  const { rows: [{ n: onAir }] } = await db.query(`SELECT count(*)::int AS n FROM deliveries WHERE alert_id = $1 AND status = 'broadcasting'`, [id]);
  expect(targeted).toBeGreaterThan(150);
  expect(onAir).toBe(targeted);
  expect(perCell.filter((c) => c.n > 1)).toEqual([]);
  expect(perCell.length).toBe(targeted);
}

export const firstTransmission = (db: Client, id: string, logs: () => string) =>
  waitUntil('a first transmission', async () => (await db.query(`SELECT 1 FROM gateway_transmissions WHERE alert_id = $1 LIMIT 1`, [id])).rows.length > 0, 120_000, logs);

