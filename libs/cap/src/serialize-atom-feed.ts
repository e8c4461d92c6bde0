import { XMLBuilder } from 'fast-xml-parser';
import { CapError } from './cap-error';
import { findNonXmlChar, formatCodePoint } from './xml-character-data';

export const ATOM_NAMESPACE = 'http://www.w3.org/2005/Atom';
export const CAP_MEDIA_TYPE = 'application/cap+xml';

// One CAP message of an index feed, as IPAWS-OPEN and google/cap-library's *_index.atom give
// them: the entry names the alert and links to its CAP document.
export interface AtomCapEntry {
  id: string; // an IRI (RFC 4287 §4.2.6), e.g. urn:uuid:…
  title: string;
  updated: string; // RFC 3339
  summary?: string;
  capHref: string; // the CAP document, relative to the feed's own URI or absolute
  categories: string[];
}

export interface AtomCapFeed {
  id: string;
  title: string;
  updated: string;
  author: string;
  selfHref: string;
  entries: AtomCapEntry[];
}

// fast-xml-parser writes the markup and escapes text and attributes (&, <, >, ", ').
const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@', textNodeName: '#text', format: true, indentBy: '  ', suppressEmptyNode: true, processEntities: true });

// An RFC 4287 Atom feed of CAP alerts.
export function serializeAtomFeed(feed: AtomCapFeed): string {
  const doc = {
    feed: {
      '@xmlns': ATOM_NAMESPACE,
      id: feed.id,
      title: feed.title,
      updated: feed.updated,
      author: { name: feed.author },
      link: { '@rel': 'self', '@type': 'application/atom+xml', '@href': feed.selfHref },
      entry: feed.entries.map((e) => ({
        id: e.id,
        title: e.title,
        updated: e.updated,
        category: e.categories.map((term) => ({ '@term': term })),
        ...(e.summary === undefined ? {} : { summary: e.summary }),
        link: { '@rel': 'alternate', '@type': CAP_MEDIA_TYPE, '@href': e.capHref },
      })),
    },
  };
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(doc)}`;
  // Text that is not an XML character cannot be escaped: refuse rather than write a broken feed.
  const bad = findNonXmlChar(xml);
  if (bad) throw new CapError('cap/invalid', `the feed holds ${formatCodePoint(bad.codePoint)}, not an XML character`, '');
  return xml;
}
