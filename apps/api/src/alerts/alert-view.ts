import type { Alert } from '@faro/alerts';
import type { DeliveryProgress } from '@faro/persistence';

// Where an alert stands and what kind of warning it is: the same fields wherever an alert is shown
// (here and in the console's dashboard).
export function alertClassification(a: Alert) {
  return { state: a.state, msgType: a.msgType, status: a.capStatus, hazard: a.hazard, severity: a.severity, urgency: a.urgency, certainty: a.certainty };
}

// The alert as the API shows it. Serial number fields are spelled out so a reader can
// match them to what is on air.
export function alertView(a: Alert, delivery?: DeliveryProgress) {
  const serialNumber = ((a.geographicalScope & 0x3) << 14) | ((a.messageCode & 0x3ff) << 4) | (a.updateNumber & 0xf);
  return {
    id: a.id,
    incidentId: a.incidentId,
    ...alertClassification(a),
    level1: a.level1,
    sender: a.sender,
    identifier: a.capIdentifier,
    sent: a.sent.toISOString(),
    expires: a.expiresAt.toISOString(),
    references: a.referencesAlertId,
    // 'public', or the restricted-audience group whose members alone can read it.
    audience: a.audienceGroupId ?? 'public',
    languages: a.languages,
    areas: a.areas,
    cellBroadcast: {
      messageIdentifier: a.messageIdentifier,
      additionalLanguageMessageIdentifier: a.additionalMessageIdentifier,
      serialNumber,
      serialNumberHex: serialNumber.toString(16).padStart(4, '0'),
      geographicalScope: a.geographicalScope,
      messageCode: a.messageCode,
      updateNumber: a.updateNumber,
    },
    targeting: a.targeting,
    delivery,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    releasedAt: a.releasedAt?.toISOString() ?? null,
    // First cell on air, and the last transmission once every batch is done (delivery view only).
    activeAt: delivery?.firstOnAirAt ?? null,
    completedAt: delivery?.completedAt ?? null,
    links: {
      self: `/api/v1/alerts/${a.id}`,
      preview: `/api/v1/alerts/${a.id}/preview`,
      broadcasts: `/api/v1/alerts/${a.id}/broadcasts`,
      ...(a.msgType === 'Cancel' ? { kills: `/api/v1/alerts/${a.id}/kills` } : {}),
    },
  };
}
