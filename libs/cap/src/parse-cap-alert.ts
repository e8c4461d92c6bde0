import {
  CAP_12_NAMESPACE,
  CAP_DEFAULT_LANGUAGE,
  CapAlert,
  CapArea,
  CapCategory,
  CapCertainty,
  CapInfo,
  CapMsgType,
  CapNamedValue,
  CapResource,
  CapResponseType,
  CapScope,
  CapSeverity,
  CapStatus,
  CapUrgency,
} from './cap-alert';
import { parseCapCircle, parseCapPolygon } from './cap-area-geometry';
import { parseCapDecimal, parseCapInteger } from './cap-decimal';
import { CapError } from './cap-error';
import { parseCapGroupListing } from './cap-group-listing';
import { childPointer } from './cap-pointer';
import { parseCapReferences } from './cap-references';
import { readXmlDocument, XmlElement } from './read-xml-document';
import { validateCapAlert } from './validate-cap-alert';
import { isXmlWhitespace, trimXmlWhitespace } from './xml-character-data';

const XMLDSIG_NAMESPACE = 'http://www.w3.org/2000/09/xmldsig#';

const OLDER_CAP_NAMESPACES: Readonly<Record<string, string>> = {
  'urn:oasis:names:tc:emergency:cap:1.1': 'CAP 1.1',
  'http://www.incident.com/cap/1.0': 'CAP 1.0',
};

// The content models of cap12.xsd: each complex type is a sequence, so order counts.
// '1' required, '?' optional, '*' any number, '+' at least one.
type Occurs = '1' | '?' | '*' | '+';
type Sequence = ReadonlyArray<readonly [name: string, occurs: Occurs]>;

const ALERT: Sequence = [
  ['identifier', '1'], ['sender', '1'], ['sent', '1'], ['status', '1'], ['msgType', '1'], ['source', '?'], ['scope', '1'],
  ['restriction', '?'], ['addresses', '?'], ['code', '*'], ['note', '?'], ['references', '?'], ['incidents', '?'], ['info', '*'],
];
const INFO: Sequence = [
  ['language', '?'], ['category', '+'], ['event', '1'], ['responseType', '*'], ['urgency', '1'], ['severity', '1'],
  ['certainty', '1'], ['audience', '?'], ['eventCode', '*'], ['effective', '?'], ['onset', '?'], ['expires', '?'],
  ['senderName', '?'], ['headline', '?'], ['description', '?'], ['instruction', '?'], ['web', '?'], ['contact', '?'],
  ['parameter', '*'], ['resource', '*'], ['area', '*'],
];
const RESOURCE: Sequence = [
  ['resourceDesc', '1'], ['mimeType', '1'], ['size', '?'], ['uri', '?'], ['derefUri', '?'], ['digest', '?'],
];
const AREA: Sequence = [
  ['areaDesc', '1'], ['polygon', '*'], ['circle', '*'], ['geocode', '*'], ['altitude', '?'], ['ceiling', '?'],
];
const NAMED_VALUE: Sequence = [['valueName', '1'], ['value', '1']];

// Parses and validates one CAP 1.2 <alert>. Throws CapError: 'cap/not-xml' for bytes or markup
// that are not a well-formed namespaced XML document, 'cap/doctype-forbidden' for any DTD,
// 'cap/not-cap' when the root is not a CAP 1.2 <alert>, 'cap/invalid' with the element at fault.
//
// Element text is trimmed of surrounding XML whitespace (pretty-printing, not content), and an
// optional element left empty (<note/>, common in Canadian feeds) reads as absent. An enveloped
// XML signature (the schema's trailing xmldsig:any) is allowed and skipped: checking it needs
// the original bytes, not this model.
export function parseCapAlert(xml: string | Uint8Array): CapAlert {
  const root = readXmlDocument(xml);
  checkRoot(root);
  const alert = readAlert(root);
  validateCapAlert(alert);
  return alert;
}

function checkRoot(root: XmlElement): void {
  if (root.localName === 'alert' && root.namespace === CAP_12_NAMESPACE) return;
  const older = root.namespace === undefined ? undefined : OLDER_CAP_NAMESPACES[root.namespace];
  const found =
    root.namespace === undefined
      ? 'in no namespace'
      : older
        ? `in the ${older} namespace '${root.namespace}'`
        : `in namespace '${root.namespace}'`;
  throw new CapError(
    'cap/not-cap',
    `root element <${root.localName}> is ${found}; expected <alert> in the CAP 1.2 namespace '${CAP_12_NAMESPACE}'`,
    root.pointer,
  );
}

function readAlert(element: XmlElement): CapAlert {
  const c = readSequence(element, ALERT, XMLDSIG_NAMESPACE);
  const references = optionalText(c, 'references');
  const incidents = c.get('incidents')?.[0];
  return withoutUndefined({
    identifier: requiredText(c, 'identifier'),
    sender: requiredText(c, 'sender'),
    sent: requiredText(c, 'sent'),
    status: requiredText(c, 'status') as CapStatus,
    msgType: requiredText(c, 'msgType') as CapMsgType,
    source: optionalText(c, 'source'),
    scope: requiredText(c, 'scope') as CapScope,
    restriction: optionalText(c, 'restriction'),
    addresses: optionalText(c, 'addresses'),
    codes: all(c, 'code').map(leafText),
    note: optionalText(c, 'note'),
    references: references === undefined ? [] : parseCapReferences(references),
    incidents: incidents ? parseCapGroupListing(leafText(incidents), incidents.pointer) : [],
    infos: all(c, 'info').map(readInfo),
  });
}

function readInfo(element: XmlElement): CapInfo {
  const c = readSequence(element, INFO);
  return withoutUndefined({
    language: optionalText(c, 'language') ?? CAP_DEFAULT_LANGUAGE,
    categories: all(c, 'category').map(leafText) as CapCategory[],
    event: requiredText(c, 'event'),
    responseTypes: all(c, 'responseType').map(leafText) as CapResponseType[],
    urgency: requiredText(c, 'urgency') as CapUrgency,
    severity: requiredText(c, 'severity') as CapSeverity,
    certainty: requiredText(c, 'certainty') as CapCertainty,
    audience: optionalText(c, 'audience'),
    eventCodes: all(c, 'eventCode').map(readNamedValue),
    effective: optionalText(c, 'effective'),
    onset: optionalText(c, 'onset'),
    expires: optionalText(c, 'expires'),
    senderName: optionalText(c, 'senderName'),
    headline: optionalText(c, 'headline'),
    description: optionalText(c, 'description'),
    instruction: optionalText(c, 'instruction'),
    web: optionalText(c, 'web'),
    contact: optionalText(c, 'contact'),
    parameters: all(c, 'parameter').map(readNamedValue),
    resources: all(c, 'resource').map(readResource),
    areas: all(c, 'area').map(readArea),
  });
}

function readResource(element: XmlElement): CapResource {
  const c = readSequence(element, RESOURCE);
  const size = optionalText(c, 'size');
  return withoutUndefined({
    resourceDesc: requiredText(c, 'resourceDesc'),
    mimeType: requiredText(c, 'mimeType'),
    size: size === undefined ? undefined : parseCapInteger(size, childPointer(element.pointer, 'size'), 'size'),
    uri: optionalText(c, 'uri'),
    derefUri: optionalText(c, 'derefUri'),
    digest: optionalText(c, 'digest'),
  });
}

function readArea(element: XmlElement): CapArea {
  const c = readSequence(element, AREA);
  const altitude = optionalText(c, 'altitude');
  const ceiling = optionalText(c, 'ceiling');
  return withoutUndefined({
    areaDesc: requiredText(c, 'areaDesc'),
    polygons: all(c, 'polygon').map((polygon) => parseCapPolygon(leafText(polygon), polygon.pointer)),
    circles: all(c, 'circle').map((circle) => parseCapCircle(leafText(circle), circle.pointer)),
    geocodes: all(c, 'geocode').map(readNamedValue),
    altitude: altitude === undefined ? undefined : parseCapDecimal(altitude, childPointer(element.pointer, 'altitude'), 'altitude'),
    ceiling: ceiling === undefined ? undefined : parseCapDecimal(ceiling, childPointer(element.pointer, 'ceiling'), 'ceiling'),
  });
}

function readNamedValue(element: XmlElement): CapNamedValue {
  const c = readSequence(element, NAMED_VALUE);
  return { valueName: requiredText(c, 'valueName'), value: requiredText(c, 'value') };
}

type Children = ReadonlyMap<string, XmlElement[]>;

// Checks an element's children against its schema sequence: every child a CAP 1.2 element the
// sequence names (or, at the very end of <alert>, one from trailingNamespace), in schema order,
// repeated only where allowed, the required ones present, and no text between them.
function readSequence(element: XmlElement, sequence: Sequence, trailingNamespace?: string): Children {
  if (!isXmlWhitespace(element.text)) {
    invalid(element.pointer, `<${element.localName}> holds elements, not text ('${snippet(element.text)}')`);
  }
  const found = new Map<string, XmlElement[]>();
  let position = 0;
  let previous = '';
  for (const child of element.children) {
    if (child.namespace !== CAP_12_NAMESPACE) {
      if (trailingNamespace !== undefined && child.namespace === trailingNamespace) {
        position = sequence.length;
        previous = child.localName;
        continue;
      }
      const where = child.namespace === undefined ? 'in no namespace' : `in namespace '${child.namespace}'`;
      invalid(child.pointer, `<${child.localName}> is ${where}; <${element.localName}> may contain only CAP 1.2 elements here`);
    }
    const slot = sequence.findIndex(([name]) => name === child.localName);
    if (slot < 0) invalid(child.pointer, `<${child.localName}> is not part of a CAP 1.2 <${element.localName}>`);
    if (slot < position) {
      invalid(child.pointer, `<${child.localName}> is out of order: CAP 1.2 puts it before <${previous}>`);
    }
    const siblings = found.get(child.localName) ?? [];
    const [, occurs] = sequence[slot];
    if (siblings.length > 0 && (occurs === '1' || occurs === '?')) {
      invalid(child.pointer, `<${child.localName}> may appear only once in <${element.localName}>`);
    }
    siblings.push(child);
    found.set(child.localName, siblings);
    position = slot;
    previous = child.localName;
  }
  for (const [name, occurs] of sequence) {
    if ((occurs === '1' || occurs === '+') && !found.has(name)) {
      invalid(`${element.pointer}/${name}`, `required element <${name}> is missing from <${element.localName}>`);
    }
  }
  return found;
}

function all(children: Children, name: string): XmlElement[] {
  return children.get(name) ?? [];
}

function requiredText(children: Children, name: string): string {
  return leafText(all(children, name)[0]);
}

function optionalText(children: Children, name: string): string | undefined {
  const element = all(children, name)[0];
  if (element === undefined) return undefined;
  const text = leafText(element);
  return text === '' ? undefined : text;
}

function leafText(element: XmlElement): string {
  const child = element.children[0];
  if (child !== undefined) invalid(child.pointer, `<${element.localName}> holds text, not elements`);
  return trimXmlWhitespace(element.text);
}

function snippet(text: string): string {
  const trimmed = trimXmlWhitespace(text);
  return trimmed.length > 40 ? `${trimmed.slice(0, 40)}…` : trimmed;
}

function invalid(pointer: string, message: string): never {
  throw new CapError('cap/invalid', message, pointer);
}

// Optional fields the document lacks are left out rather than set to undefined.
function withoutUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as Array<keyof T>) {
    if (value[key] === undefined) delete value[key];
  }
  return value;
}
