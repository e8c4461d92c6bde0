import {
  CAP_CATEGORIES,
  CAP_CERTAINTIES,
  CAP_MSG_TYPES,
  CAP_RESPONSE_TYPES,
  CAP_SCOPES,
  CAP_SEVERITIES,
  CAP_STATUSES,
  CAP_URGENCIES,
  CapAlert,
  CapArea,
  CapInfo,
  CapMsgType,
  CapNamedValue,
  CapPoint,
  CapResource,
} from './cap-alert';
import { capDateTimeProblem } from './cap-date-time';
import { CapError } from './cap-error';
import { capIdentifierProblem } from './cap-identifier';
import { checkCapReference } from './cap-references';
import { findNonXmlChar, formatCodePoint, trimXmlWhitespace } from './xml-character-data';

// The rules of cap12.xsd and of the CAP 1.2 text (§3.2) that a value, rather than the XML
// around it, can break. parseCapAlert runs them on what it read; serializeCapAlert runs them
// before writing, so Faro never emits CAP it would refuse. Shape (every array present, every
// field of the declared type) is the caller's to guarantee, as the TypeScript types say.
export function validateCapAlert(alert: CapAlert): void {
  identifier(alert.identifier, 'alert/identifier');
  identifier(alert.sender, 'alert/sender');
  dateTime(alert.sent, 'alert/sent');
  oneOf(alert.status, CAP_STATUSES, 'alert/status', 'status');
  oneOf(alert.msgType, CAP_MSG_TYPES, 'alert/msgType', 'msgType');
  text(alert.source, 'alert/source');
  oneOf(alert.scope, CAP_SCOPES, 'alert/scope', 'scope');

  // §3.2.1 restriction: "Used when <scope> value is "Restricted"".
  if (alert.scope === 'Restricted' && !alert.restriction) {
    fail('alert/restriction', '<restriction> is required when <scope> is Restricted (CAP 1.2 §3.2.1)');
  }
  text(alert.restriction, 'alert/restriction');
  // §3.2.1 addresses: "Required when <scope> is "Private"".
  if (alert.scope === 'Private' && !alert.addresses) {
    fail('alert/addresses', '<addresses> is required when <scope> is Private (CAP 1.2 §3.2.1)');
  }
  text(alert.addresses, 'alert/addresses');
  alert.codes.forEach((code, i) => text(code, `alert/code[${i}]`));
  text(alert.note, 'alert/note');

  alert.references.forEach((reference, i) => checkCapReference(reference, i));
  if (alert.references.length === 0 && REFERS_TO_EARLIER.has(alert.msgType)) {
    fail('alert/references', `${alert.msgType === 'Cancel' ? 'a' : 'an'} ${alert.msgType} must name the message(s) it refers to in <references> (CAP 1.2 §3.2.1 msgType)`);
  }

  alert.incidents.forEach((incident) => {
    if (incident === '' || incident.includes('"')) {
      fail('alert/incidents', `incident '${incident}' cannot be written in a group listing (empty, or contains a double quote)`);
    }
    xmlChars(incident, 'alert/incidents');
  });

  alert.infos.forEach((info, i) => validateInfo(info, `alert/info[${i}]`));
}

// §3.2.1 msgType: Update, Cancel, Ack and Error are each defined by "the earlier message(s)
// identified in <references>"; without them the message acts on nothing.
const REFERS_TO_EARLIER: ReadonlySet<CapMsgType> = new Set(['Update', 'Cancel', 'Ack', 'Error']);

// xs:language, the schema type of <language> (RFC 3066 tags).
const LANGUAGE = /^[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*$/;

function validateInfo(info: CapInfo, at: string): void {
  if (!LANGUAGE.test(info.language)) fail(`${at}/language`, `'${info.language}' is not a language tag (RFC 3066, e.g. it-IT)`);
  if (info.categories.length === 0) fail(`${at}/category`, 'an <info> needs at least one <category>');
  info.categories.forEach((category, i) => oneOf(category, CAP_CATEGORIES, `${at}/category[${i}]`, 'category'));
  requiredText(info.event, `${at}/event`);
  info.responseTypes.forEach((type, i) => oneOf(type, CAP_RESPONSE_TYPES, `${at}/responseType[${i}]`, 'responseType'));
  oneOf(info.urgency, CAP_URGENCIES, `${at}/urgency`, 'urgency');
  oneOf(info.severity, CAP_SEVERITIES, `${at}/severity`, 'severity');
  oneOf(info.certainty, CAP_CERTAINTIES, `${at}/certainty`, 'certainty');
  text(info.audience, `${at}/audience`);
  info.eventCodes.forEach((code, i) => namedValue(code, `${at}/eventCode[${i}]`));
  if (info.effective !== undefined) dateTime(info.effective, `${at}/effective`);
  if (info.onset !== undefined) dateTime(info.onset, `${at}/onset`);
  if (info.expires !== undefined) dateTime(info.expires, `${at}/expires`);
  text(info.senderName, `${at}/senderName`);
  text(info.headline, `${at}/headline`);
  text(info.description, `${at}/description`);
  text(info.instruction, `${at}/instruction`);
  text(info.web, `${at}/web`);
  text(info.contact, `${at}/contact`);
  info.parameters.forEach((parameter, i) => namedValue(parameter, `${at}/parameter[${i}]`));
  info.resources.forEach((resource, i) => validateResource(resource, `${at}/resource[${i}]`));
  info.areas.forEach((area, i) => validateArea(area, `${at}/area[${i}]`));
}

function validateResource(resource: CapResource, at: string): void {
  requiredText(resource.resourceDesc, `${at}/resourceDesc`);
  requiredText(resource.mimeType, `${at}/mimeType`);
  if (resource.size !== undefined && !(Number.isSafeInteger(resource.size) && resource.size >= 0)) {
    fail(`${at}/size`, `size ${resource.size} is not a whole number of bytes`);
  }
  text(resource.uri, `${at}/uri`);
  text(resource.derefUri, `${at}/derefUri`);
  text(resource.digest, `${at}/digest`);
}

function validateArea(area: CapArea, at: string): void {
  requiredText(area.areaDesc, `${at}/areaDesc`);
  area.polygons.forEach((polygon, i) => {
    const pointer = `${at}/polygon[${i}]`;
    // §3.2.4 polygon: "A minimum of 4 coordinate pairs MUST be present and the first and last
    // pairs of coordinates MUST be the same."
    if (polygon.length < 4) fail(pointer, `a polygon needs at least 4 coordinate pairs, found ${polygon.length}`);
    polygon.forEach((point, j) => coordinate(point, pointer, `coordinate pair ${j + 1}`));
    const first = polygon[0];
    const last = polygon[polygon.length - 1];
    if (first.lat !== last.lat || first.lon !== last.lon) {
      fail(pointer, `a polygon must be closed: first pair ${first.lat},${first.lon} differs from last pair ${last.lat},${last.lon}`);
    }
  });
  area.circles.forEach((circle, i) => {
    const pointer = `${at}/circle[${i}]`;
    coordinate(circle, pointer, 'circle centre');
    if (!(Number.isFinite(circle.radiusKm) && circle.radiusKm >= 0)) fail(pointer, `circle radius ${circle.radiusKm} km is not a distance`);
  });
  area.geocodes.forEach((geocode, i) => namedValue(geocode, `${at}/geocode[${i}]`));
  if (area.altitude !== undefined && !Number.isFinite(area.altitude)) fail(`${at}/altitude`, `altitude ${area.altitude} is not a number`);
  if (area.ceiling !== undefined) {
    if (!Number.isFinite(area.ceiling)) fail(`${at}/ceiling`, `ceiling ${area.ceiling} is not a number`);
    // §3.2.4 ceiling: "MUST NOT be used except in combination with the <altitude> element";
    // altitude is then "the lower limit of a range".
    if (area.altitude === undefined) fail(`${at}/ceiling`, '<ceiling> requires <altitude> (CAP 1.2 §3.2.4)');
    if (area.ceiling < area.altitude) fail(`${at}/ceiling`, `ceiling ${area.ceiling} is below altitude ${area.altitude}`);
  }
}

// §3.2.4 "WGS 84 Note": latitude and longitude in decimal degrees.
function coordinate(point: CapPoint, pointer: string, what: string): void {
  if (!(Number.isFinite(point.lat) && point.lat >= -90 && point.lat <= 90)) {
    fail(pointer, `${what}: latitude ${point.lat} is outside [-90, 90]`);
  }
  if (!(Number.isFinite(point.lon) && point.lon >= -180 && point.lon <= 180)) {
    fail(pointer, `${what}: longitude ${point.lon} is outside [-180, 180]`);
  }
}

function namedValue(pair: CapNamedValue, at: string): void {
  requiredText(pair.valueName, `${at}/valueName`);
  text(pair.value, `${at}/value`);
}

function identifier(value: string, pointer: string): void {
  const problem = capIdentifierProblem(value);
  if (problem) fail(pointer, `${pointer.slice(pointer.lastIndexOf('/') + 1)} ${problem}`);
  text(value, pointer);
}

function dateTime(value: string, pointer: string): void {
  const problem = capDateTimeProblem(value);
  if (problem) fail(pointer, problem);
}

function oneOf(value: string, allowed: readonly string[], pointer: string, element: string): void {
  if (!allowed.includes(value)) fail(pointer, `'${value}' is not a CAP 1.2 <${element}> (${allowed.join(', ')})`);
}

function requiredText(value: string, pointer: string): void {
  if (value === '') fail(pointer, `<${pointer.slice(pointer.lastIndexOf('/') + 1)}> must not be empty`);
  text(value, pointer);
}

// Element text: parseCapAlert trims surrounding XML whitespace as pretty-printing, so a value
// that begins or ends with it would not read back as written (a required <event> of only
// blanks would not read back at all).
function text(value: string | undefined, pointer: string): void {
  if (value === undefined) return;
  if (value !== trimXmlWhitespace(value)) {
    fail(pointer, `<${pointer.slice(pointer.lastIndexOf('/') + 1).replace(/\[\d+\]$/, '')}> begins or ends with whitespace, which a CAP reader trims`);
  }
  xmlChars(value, pointer);
}

function xmlChars(value: string | undefined, pointer: string): void {
  if (value === undefined) return;
  const illegal = findNonXmlChar(value);
  if (illegal) fail(pointer, `contains ${formatCodePoint(illegal.codePoint)}, which XML cannot carry`);
}

function fail(pointer: string, message: string): never {
  throw new CapError('cap/invalid', message, pointer);
}
