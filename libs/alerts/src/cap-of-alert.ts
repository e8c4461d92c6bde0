import { capDateTime, type CapAlert, type CapArea, type CapCategory, type CapInfo } from '@faro/cap';
import type { Alert } from './alert';
import { HAZARD_CAP_CATEGORY } from './hazards';
import type { AlertArea } from './incident-draft';

export type CapIdentity = Pick<Alert, 'sender' | 'capIdentifier' | 'sent'>;

// The CAP 1.2 document of an alert as Faro put it on air: one <info> per language (its text as
// the description, what phones showed), the hazard as a FARO_HAZARD eventCode that
// incidentFromCap reads back, and its areas as given. `chain` is what it replaces, oldest
// first (§3.2.1 references: the original alert and every Update since).
export function capOfAlert(alert: Alert, chain: CapIdentity[]): CapAlert {
  const restricted = alert.audienceGroupId !== null;
  return {
    identifier: alert.capIdentifier,
    sender: alert.sender,
    sent: capDateTime(alert.sent),
    status: alert.capStatus,
    msgType: alert.msgType,
    scope: restricted ? 'Restricted' : 'Public',
    restriction: restricted ? (alert.audienceGroupId ?? undefined) : undefined,
    codes: [],
    references: chain.map((c) => ({ sender: c.sender, identifier: c.capIdentifier, sent: capDateTime(c.sent) })),
    incidents: [],
    infos: alert.languages.map((l): CapInfo => ({
      language: l.language,
      categories: [HAZARD_CAP_CATEGORY[alert.hazard] as CapCategory],
      event: eventName(alert.hazard),
      responseTypes: [],
      urgency: alert.urgency,
      severity: alert.severity,
      certainty: alert.certainty,
      eventCodes: [{ valueName: 'FARO_HAZARD', value: alert.hazard }],
      expires: capDateTime(alert.expiresAt),
      headline: l.headline || undefined,
      description: l.text,
      parameters: [],
      resources: [],
      areas: alert.areas.map(capArea),
    })),
  };
}

// 'dam_collapse' → 'Dam collapse'
function eventName(hazard: string): string {
  const words = hazard.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function capArea(area: AlertArea): CapArea {
  const out: CapArea = { areaDesc: area.description.trim() || 'Alert area', polygons: [], circles: [], geocodes: [] };
  const spec = area.spec;
  if (spec.kind === 'polygon') {
    const ring = spec.ring.map(([lon, lat]) => ({ lat, lon }));
    // §3.2.4: a polygon's first and last pairs are the same point.
    const first = ring[0];
    const last = ring[ring.length - 1];
    if (first && last && (first.lat !== last.lat || first.lon !== last.lon)) ring.push({ ...first });
    out.polygons.push(ring);
  } else if (spec.kind === 'circle') {
    out.circles.push({ lat: spec.center[1], lon: spec.center[0], radiusKm: spec.radiusKm });
  } else {
    out.geocodes.push({ valueName: spec.scheme, value: spec.code });
  }
  return out;
}
