import type { Alert, Incident } from '@faro/alerts';

// Row <-> domain mapping for alerts and incidents, in one place.
export const ALERT_COLUMNS = `id, incident_id, state, msg_type, cap_status, cap_identifier, sender, sent, hazard, severity, urgency,
  certainty, level1, expires_at, references_alert_id, root_alert_id, languages, areas, message_identifier,
  additional_message_identifier, geographical_scope, message_code, code_cycle, update_number, targeting, version,
  created_at, updated_at, released_at, drafted_by, jurisdiction_id, approved_by, origin, audience_group_id`;

export function alertFromRow(r: Record<string, any>): Alert {
  return {
    id: r.id,
    incidentId: r.incident_id,
    state: r.state,
    msgType: r.msg_type,
    capStatus: r.cap_status,
    capIdentifier: r.cap_identifier,
    sender: r.sender,
    sent: new Date(r.sent),
    hazard: r.hazard,
    severity: r.severity,
    urgency: r.urgency,
    certainty: r.certainty,
    level1: r.level1,
    expiresAt: new Date(r.expires_at),
    referencesAlertId: r.references_alert_id,
    rootAlertId: r.root_alert_id,
    languages: r.languages,
    areas: r.areas,
    messageIdentifier: r.message_identifier,
    additionalMessageIdentifier: r.additional_message_identifier,
    geographicalScope: r.geographical_scope,
    messageCode: r.message_code,
    codeCycle: r.code_cycle,
    updateNumber: r.update_number,
    targeting: r.targeting,
    version: r.version,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
    releasedAt: r.released_at ? new Date(r.released_at) : null,
    draftedBy: r.drafted_by,
    jurisdictionId: r.jurisdiction_id,
    approvedBy: r.approved_by,
    origin: r.origin,
    audienceGroupId: r.audience_group_id ?? null,
  };
}

export function alertParams(a: Alert): unknown[] {
  return [
    a.id, a.incidentId, a.state, a.msgType, a.capStatus, a.capIdentifier, a.sender, a.sent, a.hazard, a.severity, a.urgency,
    a.certainty, a.level1, a.expiresAt, a.referencesAlertId, a.rootAlertId, JSON.stringify(a.languages), JSON.stringify(a.areas),
    a.messageIdentifier, a.additionalMessageIdentifier, a.geographicalScope, a.messageCode, a.codeCycle, a.updateNumber,
    a.targeting ? JSON.stringify(a.targeting) : null, a.version, a.createdAt, a.updatedAt, a.releasedAt,
    a.draftedBy, a.jurisdictionId, a.approvedBy, a.origin, a.audienceGroupId,
  ];
}

export function incidentFromRow(r: Record<string, any>): Incident {
  return {
    id: r.id,
    source: r.source,
    format: r.format,
    dedupeKey: r.dedupe_key,
    hazard: r.hazard,
    payload: r.payload,
    raw: r.raw,
    alertId: r.alert_id,
    receivedAt: new Date(r.received_at),
    sensorId: r.sensor_id ?? null,
    jurisdictionId: r.jurisdiction_id ?? null,
  };
}
