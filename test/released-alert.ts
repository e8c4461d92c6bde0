import type { Client } from 'pg';
import { waitUntil } from './platform';

interface Caller {
  headers: Record<string, string>;
}

// An incident drafted by one person (JSON, or a CAP 1.2 document as a string), released by a
// second, then waited for until every batch is done (state active). Resolves to the alert id.
export async function releasedAlert(
  s: { baseUrl: string; db: Client; logs?: () => string },
  incident: Record<string, unknown> | string,
  by: { operator: Caller; approver: Caller },
): Promise<string> {
  const cap = typeof incident === 'string';
  const created = await fetch(`${s.baseUrl}/api/v1/incidents`, {
    method: 'POST',
    headers: { 'content-type': cap ? 'application/cap+xml' : 'application/json', ...by.operator.headers },
    body: cap ? incident : JSON.stringify(incident),
  });
  const body = (await created.json()) as { alertId?: string };
  expect([created.status, body]).toEqual([201, expect.objectContaining({ alertId: expect.any(String) })]);
  const alertId = body.alertId!;
  const released = await fetch(`${s.baseUrl}/api/v1/alerts/${alertId}/release`, { method: 'POST', headers: by.approver.headers });
  expect(released.status).toBe(200);
  await waitUntil(
    `alert ${alertId} active`,
    async () => (await s.db.query(`SELECT state FROM alerts WHERE id = $1`, [alertId])).rows[0]?.state === 'active',
    120_000,
    s.logs,
  );
  return alertId;
}
