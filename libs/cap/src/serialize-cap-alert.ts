import { CAP_12_NAMESPACE, CapAlert, CapArea, CapInfo, CapNamedValue, CapResource } from './cap-alert';
import { formatCapCircle, formatCapPolygon } from './cap-area-geometry';
import { formatCapDecimal } from './cap-decimal';
import { formatCapGroupListing } from './cap-group-listing';
import { formatCapReferences } from './cap-references';
import { validateCapAlert } from './validate-cap-alert';
import { escapeCharacterData } from './xml-character-data';

// Writes a CAP 1.2 document: UTF-8 declaration, the CAP 1.2 namespace as default namespace,
// elements in cap12.xsd order, two-space indentation. The alert is validated first with the
// same rules parseCapAlert applies (CapError 'cap/invalid' with a pointer), so the output
// always parses back to an equal CapAlert. Optional strings that are empty are left out.
export function serializeCapAlert(alert: CapAlert): string {
  validateCapAlert(alert);
  const out = new Writer();
  out.line(0, '<?xml version="1.0" encoding="UTF-8"?>');
  out.line(0, `<alert xmlns="${CAP_12_NAMESPACE}">`);
  out.leaf(1, 'identifier', alert.identifier);
  out.leaf(1, 'sender', alert.sender);
  out.leaf(1, 'sent', alert.sent);
  out.leaf(1, 'status', alert.status);
  out.leaf(1, 'msgType', alert.msgType);
  out.leaf(1, 'source', alert.source);
  out.leaf(1, 'scope', alert.scope);
  out.leaf(1, 'restriction', alert.restriction);
  out.leaf(1, 'addresses', alert.addresses);
  for (const code of alert.codes) out.leaf(1, 'code', code, true);
  out.leaf(1, 'note', alert.note);
  if (alert.references.length > 0) out.leaf(1, 'references', formatCapReferences(alert.references));
  if (alert.incidents.length > 0) out.leaf(1, 'incidents', formatCapGroupListing(alert.incidents));
  for (const info of alert.infos) writeInfo(out, info);
  out.line(0, '</alert>');
  return out.toString();
}

function writeInfo(out: Writer, info: CapInfo): void {
  out.line(1, '<info>');
  out.leaf(2, 'language', info.language);
  for (const category of info.categories) out.leaf(2, 'category', category);
  out.leaf(2, 'event', info.event, true);
  for (const type of info.responseTypes) out.leaf(2, 'responseType', type);
  out.leaf(2, 'urgency', info.urgency);
  out.leaf(2, 'severity', info.severity);
  out.leaf(2, 'certainty', info.certainty);
  out.leaf(2, 'audience', info.audience);
  for (const code of info.eventCodes) writeNamedValue(out, 2, 'eventCode', code);
  out.leaf(2, 'effective', info.effective);
  out.leaf(2, 'onset', info.onset);
  out.leaf(2, 'expires', info.expires);
  out.leaf(2, 'senderName', info.senderName);
  out.leaf(2, 'headline', info.headline);
  out.leaf(2, 'description', info.description);
  out.leaf(2, 'instruction', info.instruction);
  out.leaf(2, 'web', info.web);
  out.leaf(2, 'contact', info.contact);
  for (const parameter of info.parameters) writeNamedValue(out, 2, 'parameter', parameter);
  for (const resource of info.resources) writeResource(out, resource);
  for (const area of info.areas) writeArea(out, area);
  out.line(1, '</info>');
}

function writeResource(out: Writer, resource: CapResource): void {
  out.line(2, '<resource>');
  out.leaf(3, 'resourceDesc', resource.resourceDesc, true);
  out.leaf(3, 'mimeType', resource.mimeType, true);
  if (resource.size !== undefined) out.leaf(3, 'size', String(resource.size));
  out.leaf(3, 'uri', resource.uri);
  out.leaf(3, 'derefUri', resource.derefUri);
  out.leaf(3, 'digest', resource.digest);
  out.line(2, '</resource>');
}

function writeArea(out: Writer, area: CapArea): void {
  out.line(2, '<area>');
  out.leaf(3, 'areaDesc', area.areaDesc, true);
  for (const polygon of area.polygons) out.leaf(3, 'polygon', formatCapPolygon(polygon));
  for (const circle of area.circles) out.leaf(3, 'circle', formatCapCircle(circle));
  for (const geocode of area.geocodes) writeNamedValue(out, 3, 'geocode', geocode);
  if (area.altitude !== undefined) out.leaf(3, 'altitude', formatCapDecimal(area.altitude));
  if (area.ceiling !== undefined) out.leaf(3, 'ceiling', formatCapDecimal(area.ceiling));
  out.line(2, '</area>');
}

function writeNamedValue(out: Writer, depth: number, name: string, pair: CapNamedValue): void {
  out.line(depth, `<${name}>`);
  out.leaf(depth + 1, 'valueName', pair.valueName, true);
  out.leaf(depth + 1, 'value', pair.value, true);
  out.line(depth, `</${name}>`);
}

class Writer {
  private readonly lines: string[] = [];

  line(depth: number, markup: string): void {
    this.lines.push('  '.repeat(depth) + markup);
  }

  // Optional elements whose value is absent or empty are omitted; `always` writes them anyway
  // (required elements, and list items whose position matters).
  leaf(depth: number, name: string, value: string | undefined, always = false): void {
    if (value === undefined || (value === '' && !always)) return;
    this.line(depth, `<${name}>${escapeCharacterData(value)}</${name}>`);
  }

  toString(): string {
    return this.lines.join('\n') + '\n';
  }
}
