import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { CapError } from './cap-error';
import { childPointer } from './cap-pointer';
import { decodeXmlBytes } from './decode-xml-bytes';
import { decodeCharacterData, findNonXmlChar, formatCodePoint, isXmlWhitespace } from './xml-character-data';

// A namespace-resolved element: what the CAP reader needs and nothing more (attributes other
// than namespace declarations are dropped; CAP 1.2 defines none).
export interface XmlElement {
  namespace: string | undefined;
  localName: string;
  pointer: string;
  children: XmlElement[];
  // Character data directly inside this element, references decoded, CDATA sections included.
  text: string;
}

const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/';

// fast-xml-parser only splits markup here: entities stay raw (processEntities: false) so that
// decodeCharacterData is the one place references are resolved, and text is left untrimmed so
// whitespace around CDATA sections survives.
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  cdataPropName: '#cdata',
  commentPropName: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

type OrderedNode = Record<string, unknown>;

// Reads one XML document safely: no DTD, no entity beyond the predefined five, nothing fetched.
export function readXmlDocument(input: string | Uint8Array): XmlElement {
  let xml = typeof input === 'string' ? input : decodeXmlBytes(input);
  if (xml.charCodeAt(0) === 0xfeff) xml = xml.slice(1);
  // XML 1.0 §2.11: CRLF and lone CR become LF before anything else sees the text.
  xml = xml.replace(/\r\n?/g, '\n');

  scanMarkup(xml);

  const illegal = findNonXmlChar(xml);
  if (illegal) {
    throw new CapError('cap/not-xml', `${formatCodePoint(illegal.codePoint)} at ${lineAndColumn(xml, illegal.index)} is not allowed in XML`, '');
  }

  const verdict = XMLValidator.validate(xml);
  if (verdict !== true) {
    const { line, col, msg } = verdict.err;
    throw new CapError('cap/not-xml', `not well-formed XML at line ${line}${col === undefined ? '' : `, column ${col}`}: ${msg}`, '');
  }

  let nodes: OrderedNode[];
  try {
    nodes = parser.parse(xml) as OrderedNode[];
  } catch (error) {
    throw new CapError('cap/not-xml', `not well-formed XML: ${(error as Error).message}`, '');
  }

  // scanMarkup has already checked the prolog and epilog; this only guards against the parser
  // seeing the document differently.
  const roots = nodes.filter((node) => !('#text' in node) || !isXmlWhitespace(String(node['#text'])));
  if (roots.length !== 1 || '#text' in roots[0] || '#cdata' in roots[0]) {
    throw new CapError('cap/not-xml', 'expected exactly one root element and nothing else outside it', '');
  }
  return toElement(roots[0], new Map([['xml', XML_NAMESPACE]]), '', 0);
}

// A DOCTYPE is how external entities, parameter entities and entity-expansion bombs get in,
// and CAP 1.2 is defined by a schema, not a DTD: any markup declaration is refused before
// the parser sees the document. The scan follows XML's own token boundaries (comments, CDATA
// sections, processing instructions and quoted attribute values are skipped whole) so that a
// DOCTYPE can neither hide inside one of them nor be faked by text that merely looks like one.
// The same pass checks what fast-xml-parser lets through: text after a self-closing root is
// dropped by its parser and passed by its validator, and a second root is accepted by both.
function scanMarkup(xml: string): void {
  let depth = 0;
  let roots = 0;
  let i = 0;
  while (i < xml.length) {
    const next = xml.indexOf('<', i);
    const textEnd = next < 0 ? xml.length : next;
    if (depth === 0 && !isXmlWhitespace(xml.slice(i, textEnd))) {
      throw new CapError('cap/not-xml', `text outside the root element at ${lineAndColumn(xml, i + xml.slice(i).search(/[^ \t\n]/))}`, '');
    }
    if (next < 0) break;
    if (xml.startsWith('<!--', next)) {
      i = skipPast(xml, '-->', next + 4, 'comment');
    } else if (xml.startsWith('<![CDATA[', next)) {
      if (depth === 0) throw new CapError('cap/not-xml', `CDATA section outside the root element at ${lineAndColumn(xml, next)}`, '');
      i = skipPast(xml, ']]>', next + 9, 'CDATA section');
    } else if (xml.startsWith('<?', next)) {
      i = skipPast(xml, '?>', next + 2, 'processing instruction');
    } else if (xml.startsWith('<!', next)) {
      const what = /^<!([A-Za-z]+|\[)/.exec(xml.slice(next, next + 12))?.[1] ?? '';
      throw new CapError(
        'cap/doctype-forbidden',
        `markup declaration <!${what} at ${lineAndColumn(xml, next)}: CAP documents must not carry a DOCTYPE, DTD or entity declarations`,
        '',
      );
    } else {
      i = skipTag(xml, next);
      if (xml[next + 1] === '/') {
        depth--;
      } else if (xml[i - 2] !== '/') {
        if (depth === 0) roots++;
        depth++;
      } else if (depth === 0) {
        roots++;
      }
      if (roots > 1) throw new CapError('cap/not-xml', `a second root element at ${lineAndColumn(xml, next)}; a document has exactly one`, '');
    }
  }
  if (roots === 0) throw new CapError('cap/not-xml', 'no root element', '');
}

function skipPast(xml: string, terminator: string, from: number, what: string): number {
  const end = xml.indexOf(terminator, from);
  if (end < 0) throw new CapError('cap/not-xml', `unterminated ${what} starting at ${lineAndColumn(xml, from)}`, '');
  return end + terminator.length;
}

// From '<' of a start or end tag to just past its '>', skipping quoted attribute values.
function skipTag(xml: string, start: number): number {
  let quote = '';
  for (let i = start + 1; i < xml.length; i++) {
    const c = xml[i];
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '<') throw new CapError('cap/not-xml', `'<' inside an attribute value at ${lineAndColumn(xml, i)}`, '');
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '>') {
      return i + 1;
    } else if (c === '<') {
      throw new CapError('cap/not-xml', `unterminated tag at ${lineAndColumn(xml, start)}`, '');
    }
  }
  throw new CapError('cap/not-xml', `unterminated tag at ${lineAndColumn(xml, start)}`, '');
}

function lineAndColumn(xml: string, index: number): string {
  const before = xml.slice(0, index);
  const line = before.split('\n').length;
  return `line ${line}, column ${index - before.lastIndexOf('\n')}`;
}

function toElement(node: OrderedNode, inherited: ReadonlyMap<string, string>, parentPointer: string, index: number): XmlElement {
  const qname = Object.keys(node).find((key) => key !== ':@') as string;
  const [prefix, localName] = splitQName(qname);
  const pointer = childPointer(parentPointer, localName, index);

  const attributes = (node[':@'] ?? {}) as Record<string, string>;
  const scope = new Map(inherited);
  for (const [name, raw] of Object.entries(attributes)) {
    const value = decodeCharacterData(raw, pointer);
    if (name === 'xmlns') {
      if (value === '') scope.delete('');
      else scope.set('', value);
    } else if (name.startsWith('xmlns:')) {
      const declared = name.slice('xmlns:'.length);
      if (value === '' || declared === 'xmlns' || (declared === 'xml') !== (value === XML_NAMESPACE) || value === XMLNS_NAMESPACE) {
        throw new CapError('cap/not-xml', `illegal namespace declaration ${name}="${value}"`, pointer);
      }
      scope.set(declared, value);
    }
  }
  for (const name of Object.keys(attributes)) {
    const [attributePrefix] = splitQName(name);
    if (attributePrefix !== '' && attributePrefix !== 'xmlns' && !scope.has(attributePrefix)) {
      throw new CapError('cap/not-xml', `attribute ${name} uses the undeclared namespace prefix '${attributePrefix}'`, pointer);
    }
  }
  if (prefix === 'xmlns' || (prefix !== '' && !scope.has(prefix))) {
    throw new CapError('cap/not-xml', `element <${qname}> uses the undeclared namespace prefix '${prefix}'`, pointer);
  }

  const children: XmlElement[] = [];
  const seen = new Map<string, number>();
  let text = '';
  for (const child of node[qname] as OrderedNode[]) {
    if ('#text' in child) {
      text += decodeCharacterData(String(child['#text']), pointer);
    } else if ('#cdata' in child) {
      for (const piece of child['#cdata'] as OrderedNode[]) text += String(piece['#text'] ?? '');
    } else {
      const childName = splitQName(Object.keys(child).find((key) => key !== ':@') as string)[1];
      const childIndex = seen.get(childName) ?? 0;
      seen.set(childName, childIndex + 1);
      children.push(toElement(child, scope, pointer, childIndex));
    }
  }
  return { namespace: scope.get(prefix), localName, pointer, children, text };
}

// Namespaces in XML 1.0 §4: a QName has at most one colon, with a name on either side.
function splitQName(qname: string): [prefix: string, localName: string] {
  const parts = qname.split(':');
  if (parts.length === 1) return ['', qname];
  if (parts.length === 2 && parts[0] !== '' && parts[1] !== '') return [parts[0], parts[1]];
  throw new CapError('cap/not-xml', `'${qname}' is not a namespace-well-formed name`, '');
}
