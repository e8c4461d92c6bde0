import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource, QueryRunner } from 'typeorm';
import type { KeyEncryptionPort, WrappedSecret } from '@faro/broadcast-security';
import type { Incident } from '@faro/alerts';
import {
  assertPolicyCoherent,
  SensorError,
  SIGNATURE_TOLERANCE_SECONDS,
  type NewSensor,
  type Sensor,
  type SensorAuditEntry,
  type SensorAuditTrail,
  type SensorChange,
  type SensorDirectory,
  type SensorIncidents,
  type RateWindow,
  type SensorSecret,
} from '@faro/sensors';
import { sensorSecretContext } from '@faro/keys';
import { incidentFromRow } from './alert-rows';
import { withinJurisdiction } from './alert-store';
import { ringAuditBell } from './audit-bell';
import { callerGone, CallerGoneError } from './caller-gone';
import { appendAudit, AUDIT_INSERT } from './audit-log';
import { inTransaction } from './in-transaction';

const context = sensorSecretContext;
// A remembered signature can matter only while its timestamp is accepted: at most twice the
// tolerance after it arrived (it may have been signed up to the tolerance in the future).
const REPLAY_MEMORY_MS = 2 * SIGNATURE_TOLERANCE_SECONDS * 1000;
const PURGE_EVERY_MS = 60_000;

// A secret's metadata, for admins: never the secret.
export interface SensorSecretInfo {
  id: string;
  createdAt: Date;
  validUntil: Date | null;
}

export interface SensorDetails extends Sensor {
  secrets: SensorSecretInfo[];
}

// The secret in clear, handed to the caller once at creation or rotation.
export interface IssuedSecret {
  secretId: string;
  secret: string;
}

function sensorFromRow(r: Record<string, any>): Sensor {
  return {
    id: r.id,
    name: r.name,
    jurisdictionId: r.jurisdiction_id,
    releasePolicy: r.release_policy,
    autoRelease: r.auto_release ?? {},
    rateLimitPerMinute: Number(r.rate_limit_per_minute),
    disabled: r.disabled,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
  };
}

const audit = (q: QueryRunner, e: SensorAuditEntry) => appendAudit(q, e);

// Sensors, their webhook secrets (wrapped by the KEK, context sensor-secret:<id>), the
// signatures seen, and the incidents they report with no alert. A secret in clear exists only
// in memory and in the one answer that issues it; it is never logged or audited.
export class SqlSensorStore implements SensorDirectory, SensorIncidents, SensorAuditTrail {
  private lastPurge = 0;

  constructor(
    private readonly ds: DataSource,
    private readonly kek: KeyEncryptionPort,
  ) {}

  // `scope`: the jurisdiction of whoever creates it; the sensor's must lie within it.
  async createSensor(s: NewSensor, actor: string, scope: string): Promise<{ sensor: Sensor; issued: IssuedSecret }> {
    assertPolicyCoherent(s.releasePolicy, s.autoRelease);
    const id = randomUUID();
    const { secret, wrapped } = await this.newSecret(id);
    return inTransaction(this.ds, async (q) => {
      const [where] = await q.query(`SELECT EXISTS (SELECT 1 FROM jurisdictions WHERE id = $1) AS known, $1 IN ${withinJurisdiction(2)} AS inside`, [s.jurisdictionId, scope]);
      if (!where.known) throw new SensorError('sensor/invalid', `/jurisdictionId: no jurisdiction ${s.jurisdictionId}`, '/jurisdictionId');
      if (!where.inside) throw new SensorError('sensor/forbidden', `Jurisdiction ${s.jurisdictionId} is not within ${scope}`);
      const [row] = await q.query(
        `INSERT INTO sensors (id, name, jurisdiction_id, release_policy, auto_release, rate_limit_per_minute) VALUES ($1,$2,$3,$4,$5,$6) RETURNING *`,
        [id, s.name, s.jurisdictionId, s.releasePolicy, JSON.stringify(s.autoRelease), s.rateLimitPerMinute],
      );
      const secretId = randomUUID();
      await q.query(`INSERT INTO sensor_secrets (id, sensor_id, secret_wrapped) VALUES ($1, $2, $3)`, [secretId, id, JSON.stringify(wrapped)]);
      const sensor = sensorFromRow(row);
      await audit(q, {
        actor,
        action: 'sensor.created',
        subjectType: 'sensor',
        subjectId: id,
        details: { name: s.name, jurisdictionId: s.jurisdictionId, releasePolicy: s.releasePolicy, autoRelease: s.autoRelease, rateLimitPerMinute: s.rateLimitPerMinute, secretId, kekId: wrapped.kekId },
      });
      return { sensor, issued: { secretId, secret } };
    });
  }

  // A new current secret; the ones still valid stay valid for `overlapSeconds` more (never
  // longer than they already were), so the sensor can switch without losing a request.
  async rotateSecret(sensorId: string, overlapSeconds: number, actor: string, scope: string, now = new Date()): Promise<IssuedSecret & { previousValidUntil: Date }> {
    const { secret, wrapped } = await this.newSecret(sensorId);
    const until = new Date(now.getTime() + overlapSeconds * 1000);
    return inTransaction(this.ds, async (q) => {
      await this.lockSensor(q, sensorId, scope);
      await q.query(
        `UPDATE sensor_secrets SET valid_until = $2 WHERE sensor_id = $1 AND (valid_until IS NULL OR valid_until > $2)`,
        [sensorId, until],
      );
      const secretId = randomUUID();
      await q.query(`INSERT INTO sensor_secrets (id, sensor_id, secret_wrapped, created_at) VALUES ($1, $2, $3, $4)`, [secretId, sensorId, JSON.stringify(wrapped), now]);
      await audit(q, { actor, action: 'sensor.secret-rotated', subjectType: 'sensor', subjectId: sensorId, details: { secretId, overlapSeconds, previousValidUntil: until.toISOString(), kekId: wrapped.kekId } });
      return { secretId, secret, previousValidUntil: until };
    });
  }

  async changeSensor(sensorId: string, change: SensorChange, actor: string, scope: string): Promise<Sensor> {
    return inTransaction(this.ds, async (q) => {
      const before = await this.lockSensor(q, sensorId, scope);
      const after: Sensor = {
        ...before,
        name: change.name ?? before.name,
        releasePolicy: change.releasePolicy ?? before.releasePolicy,
        autoRelease: change.autoRelease ?? before.autoRelease,
        rateLimitPerMinute: change.rateLimitPerMinute ?? before.rateLimitPerMinute,
        disabled: change.disabled ?? before.disabled,
      };
      assertPolicyCoherent(after.releasePolicy, after.autoRelease);
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const k of ['name', 'releasePolicy', 'autoRelease', 'rateLimitPerMinute', 'disabled'] as const) {
        if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) changes[k] = { from: before[k], to: after[k] };
      }
      if (Object.keys(changes).length === 0) return before;
      // TypeORM answers an UPDATE with [rows, count].
      const [rows] = await q.query(
        `UPDATE sensors SET name = $2, release_policy = $3, auto_release = $4, rate_limit_per_minute = $5, disabled = $6, updated_at = now() WHERE id = $1 RETURNING *`,
        [sensorId, after.name, after.releasePolicy, JSON.stringify(after.autoRelease), after.rateLimitPerMinute, after.disabled],
      );
      await audit(q, { actor, action: 'sensor.changed', subjectType: 'sensor', subjectId: sensorId, details: { changes } });
      return sensorFromRow(rows[0]);
    });
  }

  // Sensors of the jurisdiction and of the territories within it.
  async listSensors(scope: string): Promise<Sensor[]> {
    const rows = await this.ds.query(`SELECT * FROM sensors WHERE jurisdiction_id IN ${withinJurisdiction(1)} ORDER BY created_at, id`, [scope]);
    return rows.map(sensorFromRow);
  }

  // Null also when the sensor lies outside `scope`: another territory's sensor is not acknowledged.
  async sensorDetails(sensorId: string, scope: string): Promise<SensorDetails | null> {
    if (!isUuid(sensorId)) return null;
    const [r] = await this.ds.query(`SELECT * FROM sensors WHERE id = $1 AND jurisdiction_id IN ${withinJurisdiction(2)}`, [sensorId, scope]);
    if (!r) return null;
    const sensor = sensorFromRow(r);
    const rows = await this.ds.query(`SELECT id, created_at, valid_until FROM sensor_secrets WHERE sensor_id = $1 ORDER BY created_at DESC, id`, [sensorId]);
    return { ...sensor, secrets: rows.map((r: any) => ({ id: r.id, createdAt: new Date(r.created_at), validUntil: r.valid_until ? new Date(r.valid_until) : null })) };
  }

  // SensorDirectory

  async findSensorWithSecrets(id: string, now: Date): Promise<{ sensor: Sensor; secrets: SensorSecret[] } | null> {
    if (!isUuid(id)) return null;
    const [r] = await this.ds.query(
      `SELECT s.*, (SELECT coalesce(json_agg(json_build_object('id', k.id, 'wrapped', k.secret_wrapped, 'createdAt', k.created_at, 'validUntil', k.valid_until)), '[]')
                      FROM sensor_secrets k WHERE k.sensor_id = s.id AND (k.valid_until IS NULL OR k.valid_until > $2)) AS secrets
         FROM sensors s WHERE s.id = $1`,
      [id, now],
    );
    if (!r) return null;
    const secrets = await Promise.all(
      (r.secrets as Array<{ id: string; wrapped: WrappedSecret; createdAt: string; validUntil: string | null }>).map(async (k) => ({
        id: k.id,
        secret: await this.kek.unwrap(k.wrapped, context(id)),
        createdAt: new Date(k.createdAt),
        validUntil: k.validUntil ? new Date(k.validUntil) : null,
      })),
    );
    return { sensor: sensorFromRow(r), secrets };
  }

  // One statement: the INSERT, and of the window only what the rate decision needs (RateWindow),
  // over at most `limit` earlier arrivals read from the index. The INSERT's own row is not
  // visible to the same statement's reads: it is counted here when fresh, as the newest.
  async rememberSignature(sensorId: string, signature: string, now: Date, window: { since: Date; limit: number }): Promise<{ fresh: boolean; window: RateWindow }> {
    await this.purgeNowAndThen(now);
    const [r] = await this.ds.query(
      `WITH seen AS (INSERT INTO webhook_replays (signature, sensor_id, seen_at) VALUES ($1, $2, $3) ON CONFLICT (signature) DO NOTHING RETURNING 1),
            prior AS (SELECT seen_at, row_number() OVER (ORDER BY seen_at DESC) AS k
                        FROM (SELECT seen_at FROM webhook_replays WHERE sensor_id = $2 AND seen_at > $4 ORDER BY seen_at DESC LIMIT $5) p)
       SELECT EXISTS (SELECT 1 FROM seen) AS fresh, (SELECT count(*)::int FROM prior) AS prior, (SELECT seen_at FROM prior WHERE k = $5 - 1) AS kth`,
      [signature, sensorId, now, window.since, window.limit],
    );
    const fresh = r.fresh as boolean;
    // With this request the newest, the limit-th newest is the (limit - 1)-th earlier one.
    const limitthNewest = window.limit === 1 ? now : r.kth ? new Date(r.kth) : null;
    return { fresh, window: { count: r.prior + (fresh ? 1 : 0), limitthNewest: fresh ? limitthNewest : null } };
  }

  // SensorIncidents

  async findByDedupeKey(key: string): Promise<Incident | null> {
    const [r] = await this.ds.query(`SELECT * FROM incidents WHERE dedupe_key = $1`, [key]);
    return r ? incidentFromRow(r) : null;
  }

  // The incident and its audit entry in one statement, atomic without a transaction: one round
  // trip where BEGIN, two INSERTs and COMMIT took four. As inTransaction does before its COMMIT,
  // nothing is written for a caller that has gone (the ingest bench counts 201s against rows).
  async record(i: Incident): Promise<{ incident: Incident; duplicate: boolean }> {
    if (callerGone()) throw new CallerGoneError();
    const details = { hazard: i.hazard, format: i.format, sensorId: i.sensorId, policy: 'record' };
    const [r] = await this.ds.query(
      `WITH inserted AS (
         INSERT INTO incidents (id, source, format, dedupe_key, hazard, payload, raw, alert_id, received_at, sensor_id, jurisdiction_id)
         VALUES ($1,$2,$3,$4,$5,$6,$7,NULL,$8,$9,$10) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id),
       audited AS (${AUDIT_INSERT} SELECT $11, $2, 'incident.recorded', 'incident', id::text, $12 FROM inserted)
       SELECT count(*)::int AS n FROM inserted`,
      [i.id, i.source, i.format, i.dedupeKey, i.hazard, JSON.stringify(i.payload ?? null), i.raw, i.receivedAt, i.sensorId ?? null, i.jurisdictionId ?? null, new Date(), JSON.stringify(details)],
    );
    if (r.n === 0) return { incident: (await this.findByDedupeKey(i.dedupeKey!))!, duplicate: true };
    ringAuditBell();
    return { incident: { ...i, alertId: null }, duplicate: false };
  }

  async draftedBy(alertId: string): Promise<string | null> {
    const [r] = await this.ds.query(`SELECT drafted_by FROM alerts WHERE id = $1`, [alertId]);
    return r ? String(r.drafted_by) : null;
  }

  // SensorAuditTrail

  async append(entry: SensorAuditEntry): Promise<void> {
    await inTransaction(this.ds, (q) => audit(q, entry));
  }

  private async lockSensor(q: QueryRunner, sensorId: string, scope: string): Promise<Sensor> {
    const [r] = isUuid(sensorId) ? await q.query(`SELECT * FROM sensors WHERE id = $1 AND jurisdiction_id IN ${withinJurisdiction(2)} FOR UPDATE`, [sensorId, scope]) : [];
    if (!r) throw new SensorError('sensor/not-found', `No sensor ${sensorId}`);
    return sensorFromRow(r);
  }

  // 32 random bytes, handed out as base64url text; the HMAC key is that text as sent to the
  // sensor (what a sensor's HMAC library is given), and that text is what is wrapped.
  private async newSecret(sensorId: string): Promise<{ secret: string; wrapped: WrappedSecret }> {
    const secret = randomBytes(32).toString('base64url');
    return { secret, wrapped: await this.kek.wrap(Buffer.from(secret, 'utf8'), context(sensorId)) };
  }

  private async purgeNowAndThen(now: Date): Promise<void> {
    if (now.getTime() - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = now.getTime();
    await this.ds.query(`DELETE FROM webhook_replays WHERE seen_at < $1`, [new Date(now.getTime() - REPLAY_MEMORY_MS)]);
  }
}

function isUuid(s: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
}
