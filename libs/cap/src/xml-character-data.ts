import { CapError } from './cap-error';

// XML 1.0 §2.2 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
// With the u flag a lone surrogate is its own code point and so matches too.
const NOT_XML_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

// XML 1.0 §2.4, §4.6: without a DTD only these five entities exist; anything else is undeclared.
const PREDEFINED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

const REFERENCE = /&(?:#x([0-9A-Fa-f]+)|#([0-9]+)|([A-Za-z_:][A-Za-z0-9._:-]*))?(;)?/g;

const XML_WHITESPACE_EDGES = /^[ \t\r\n]+|[ \t\r\n]+$/g;

export function findNonXmlChar(s: string): { index: number; codePoint: number } | undefined {
  const match = NOT_XML_CHAR.exec(s);
  return match ? { index: match.index, codePoint: match[0].codePointAt(0) ?? 0 } : undefined;
}

export function isXmlChar(codePoint: number): boolean {
  return (
    codePoint === 0x9 || codePoint === 0xa || codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  );
}

export function formatCodePoint(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

// Replaces the five predefined entity references and character references. Any other
// reference (a DTD-declared or HTML entity) is a well-formedness error: we never expand it.
export function decodeCharacterData(raw: string, pointer: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(REFERENCE, (whole, hex: string | undefined, dec: string | undefined, name: string | undefined, semi: string | undefined) => {
    if (semi === undefined || (hex === undefined && dec === undefined && name === undefined)) {
      throw new CapError('cap/not-xml', `'&' that does not start a reference (near '${whole}'): write it as &amp;`, pointer);
    }
    if (name !== undefined) {
      const value = PREDEFINED_ENTITIES[name];
      if (value === undefined) {
        throw new CapError('cap/not-xml', `undeclared entity &${name}; (only amp, lt, gt, quot and apos exist without a DTD)`, pointer);
      }
      return value;
    }
    const codePoint = hex !== undefined ? parseInt(hex, 16) : parseInt(dec as string, 10);
    if (!isXmlChar(codePoint)) {
      throw new CapError('cap/not-xml', `character reference ${whole} names a character XML does not allow`, pointer);
    }
    return String.fromCodePoint(codePoint);
  });
}

// For element content: '>' is escaped too so that ']]>' never appears; CR is kept as a
// reference because a parser turns a literal CR into LF (XML 1.0 §2.11).
export function escapeCharacterData(s: string): string {
  return s.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'));
}

export function trimXmlWhitespace(s: string): string {
  return s.replace(XML_WHITESPACE_EDGES, '');
}

export function isXmlWhitespace(s: string): boolean {
  return /^[ \t\r\n]*$/.test(s);
}
