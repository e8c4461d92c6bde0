import type { CapAlert, CapArea, CapInfo } from '@faro/cap';
import { AREA_LIMITS, assertAreaLimits, assertCountWithin, type AreaSpec } from '@faro/targeting';
import { AlertError } from './alert-error';
import { hazardFromEvent, isHazard, type Hazard } from './hazards';
import type { AlertArea, IncidentDraft } from './incident-draft';

// Geocode value names Faro resolves; 'ISTAT' alone is told apart by the code's length.
type GeocodeScheme = Extract<AreaSpec, { kind: 'geocode' }>['scheme'];
const GEOCODE_SCHEMES: Record<string, GeocodeScheme> = {
  ISTAT_REGION: 'ISTAT_REGION',
  ISTAT_PROVINCE: 'ISTAT_PROVINCE',
  ISTAT_MUNICIPALITY: 'ISTAT_MUNICIPALITY',
  DPC_ALERT_ZONE: 'DPC_ALERT_ZONE',
};

// CAP's own expiry is optional; an alert on air must end, so Faro applies this default.
export const DEFAULT_CAP_VALIDITY_HOURS = 24;

export function incidentFromCap(cap: CapAlert, now: Date): IncidentDraft {
  if (cap.msgType === 'Ack' || cap.msgType === 'Error') {
    throw new AlertError('alert/invalid-incident', `CAP msgType ${cap.msgType} carries no alert`, 'alert/msgType');
  }
  if (cap.status === 'Draft') {
    throw new AlertError('alert/invalid-incident', 'CAP status Draft is not to be acted on', 'alert/status');
  }
  if (cap.infos.length === 0) {
    throw new AlertError('alert/invalid-incident', 'a CAP alert needs at least one <info> to be broadcast', 'alert/info');
  }
  const chosen = mostSevereByLanguage(cap.infos);
  // The alert's classification, expiry and areas are its most severe info's.
  const first = chosen[0];
  const areas = collectAreas(cap.infos, first);
  if (areas.length === 0 && cap.msgType !== 'Cancel') {
    throw new AlertError('alert/invalid-incident', 'no <area> with a polygon, circle or known geocode', 'alert/info[0]/area');
  }
  const at = cap.infos.indexOf(first);
  const sent = new Date(cap.sent);
  const expires = first.expires
    ? new Date(first.expires)
    : new Date(Math.max(sent.getTime(), now.getTime()) + DEFAULT_CAP_VALIDITY_HOURS * 3600_000);
  if (expires.getTime() <= now.getTime()) {
    throw new AlertError('alert/invalid-incident', `expired at ${expires.toISOString()}`, `alert/info[${at}]/expires`);
  }
  const languages = chosen.map((info) => ({ language: info.language, headline: info.headline, text: broadcastText(info, cap.infos.indexOf(info)) }));
  return {
    msgType: cap.msgType,
    references: cap.references.length > 0 ? { cap: cap.references } : undefined,
    audience: audienceOf(cap),
    hazard: hazardOf(first),
    description: first.description,
    areas,
    severity: first.severity,
    urgency: first.urgency,
    certainty: first.certainty,
    status: cap.status === 'System' ? 'Test' : cap.status,
    level1: parameter(first, 'EU-ALERT-LEVEL') === '1',
    languages,
    expires,
    sender: cap.sender,
    identifier: cap.identifier,
    sent,
  };
}

function parameter(info: CapInfo, name: string): string | undefined {
  return info.parameters.find((p) => p.valueName.toUpperCase() === name)?.value;
}

function hazardOf(info: CapInfo): Hazard {
  const code = info.eventCodes.find((c) => /^(FARO[-_:])?hazard$/i.test(c.valueName))?.value;
  if (code !== undefined && isHazard(code)) return code;
  return hazardFromEvent(info.event);
}

// The on-air text: the WEA/EU-Alert convention of a dedicated parameter first, then the
// description followed by the instruction.
function broadcastText(info: CapInfo, index: number): string {
  const text =
    parameter(info, 'CMAMLONGTEXT') ??
    parameter(info, 'CMAMTEXT') ??
    [info.headline && !info.description ? info.headline : undefined, info.description, info.instruction]
      .filter((s): s is string => !!s && s.trim().length > 0)
      .join(' ');
  if (text.trim().length === 0) {
    throw new AlertError('alert/invalid-incident', 'no text to broadcast (description, instruction or CMAMtext)', `alert/info[${index}]/description`);
  }
  return text.trim();
}

const SEVERITY_RANK = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'];
const URGENCY_RANK = ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'];
const CERTAINTY_RANK = ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'];

// CAP 1.2 §3.2.2 allows several <info> blocks in one language (a warning and a watch, say). A cell
// broadcast carries one text per language under one message identifier, so Faro takes, per
// language, the most severe info (severity, then urgency, then certainty, then document order);
// the others are kept in the incident as received but not broadcast. Most severe first.
function mostSevereByLanguage(infos: CapInfo[]): CapInfo[] {
  const rank = (info: CapInfo) => [SEVERITY_RANK.indexOf(info.severity), URGENCY_RANK.indexOf(info.urgency), CERTAINTY_RANK.indexOf(info.certainty), infos.indexOf(info)];
  const before = (a: CapInfo, b: CapInfo) => {
    const ra = rank(a);
    const rb = rank(b);
    for (let k = 0; k < ra.length; k++) if (ra[k] !== rb[k]) return ra[k] < rb[k];
    return false;
  };
  const byLanguage = new Map<string, CapInfo>();
  for (const info of infos) {
    const key = info.language.slice(0, 2).toLowerCase();
    const seen = byLanguage.get(key);
    if (!seen || before(info, seen)) byLanguage.set(key, info);
  }
  return [...byLanguage.values()].sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
}

// The areas of the chosen info, or of the first <info> that has any (CAP repeats them per
// language, or gives them once); polygons are lat,lon in CAP and lon,lat in GeoJSON.
function collectAreas(infos: CapInfo[], chosen: CapInfo): AlertArea[] {
  const source = chosen.areas.length > 0 ? chosen : infos.find((i) => i.areas.length > 0);
  if (!source) return [];
  const index = infos.indexOf(source);
  assertCapAreaLimits(source, `alert/info[${index}]`);
  return source.areas.flatMap((a, ai) => areaSpecs(a, `alert/info[${index}]/area[${ai}]`));
}

// AREA_LIMITS, checked on the elements before any is turned into geometry, so the pointer names
// the <area>, <polygon>, <circle> or <geocode> beyond them.
function assertCapAreaLimits(info: CapInfo, at: string): void {
  assertCountWithin(info.areas.length, AREA_LIMITS.capAreasPerInfo, (i) => `${at}/area[${i}]`, '<area> elements in an <info>');
  const sizes: Array<{ pointer: string; vertices: number }> = [];
  info.areas.forEach((area, ai) => {
    const a = `${at}/area[${ai}]`;
    const max = AREA_LIMITS.shapesPerCapArea;
    assertCountWithin(area.polygons.length, max, (i) => `${a}/polygon[${i}]`, '<polygon> elements in an <area>');
    assertCountWithin(area.circles.length, max, (i) => `${a}/circle[${i}]`, '<circle> elements in an <area>');
    assertCountWithin(area.geocodes.length, max, (i) => `${a}/geocode[${i}]`, '<geocode> elements in an <area>');
    area.polygons.forEach((p, pi) => sizes.push({ pointer: `${a}/polygon[${pi}]`, vertices: p.length }));
    area.circles.forEach((_, ci) => sizes.push({ pointer: `${a}/circle[${ci}]`, vertices: 0 }));
    area.geocodes.forEach((_, gi) => sizes.push({ pointer: `${a}/geocode[${gi}]`, vertices: 0 }));
  });
  assertAreaLimits(sizes);
}

function areaSpecs(area: CapArea, at: string): AlertArea[] {
  const out: AlertArea[] = [];
  area.polygons.forEach((p, pi) => {
    out.push({ description: area.areaDesc, spec: { kind: 'polygon', ring: p.map((v) => [v.lon, v.lat] as [number, number]) }, pointer: `${at}/polygon[${pi}]` });
  });
  area.circles.forEach((c, ci) => {
    out.push({ description: area.areaDesc, spec: { kind: 'circle', center: [c.lon, c.lat], radiusKm: c.radiusKm }, pointer: `${at}/circle[${ci}]` });
  });
  area.geocodes.forEach((g, gi) => {
    const scheme = geocodeScheme(g.valueName, g.value);
    if (scheme) out.push({ description: area.areaDesc, spec: { kind: 'geocode', scheme, code: g.value.trim() }, pointer: `${at}/geocode[${gi}]` });
    else if (area.polygons.length === 0 && area.circles.length === 0) {
      throw new AlertError('alert/invalid-incident', `unknown geocode ${g.valueName}; known: ISTAT, ${Object.keys(GEOCODE_SCHEMES).join(', ')}`, `${at}/geocode[${gi}]`);
    }
  });
  return out;
}

function geocodeScheme(valueName: string, value: string): GeocodeScheme | undefined {
  const name = valueName.trim().toUpperCase();
  if (name in GEOCODE_SCHEMES) return GEOCODE_SCHEMES[name];
  if (name === 'ISTAT') {
    const digits = value.trim().length;
    if (digits <= 2) return 'ISTAT_REGION';
    if (digits === 3) return 'ISTAT_PROVINCE';
    if (digits === 6) return 'ISTAT_MUNICIPALITY';
  }
  return undefined;
}

// CAP 1.2 §3.2.1: a Restricted alert names its audience in <restriction>; Faro reads it as the id
// of a restricted-audience group. A Private alert goes to <addresses>, which a broadcast cannot.
function audienceOf(cap: CapAlert): string | undefined {
  if (cap.scope === 'Private') {
    throw new AlertError('alert/invalid-incident', 'CAP scope Private addresses named recipients; a broadcast is Public or Restricted to a group', 'alert/scope');
  }
  if (cap.scope !== 'Restricted') return 'public';
  const group = (cap.restriction ?? '').trim();
  if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(group) || group === 'public') {
    throw new AlertError('alert/invalid-incident', `<restriction> must name a restricted-audience group id, got "${group}"`, 'alert/restriction');
  }
  return group;
}
