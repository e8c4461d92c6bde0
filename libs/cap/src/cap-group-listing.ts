import { CapError } from './cap-error';
import { trimXmlWhitespace } from './xml-character-data';

// CAP 1.2 §3.2.1 <incidents> (and <addresses>): a whitespace-separated "group listing";
// "Incident names including whitespace SHALL be surrounded by double-quotes."
const ENTRY = /(?:"([^"]*)"|([^ \t\r\n"]+))(?:[ \t\r\n]+|$)/y;

export function parseCapGroupListing(text: string, pointer: string): string[] {
  const listing = trimXmlWhitespace(text);
  const entries: string[] = [];
  for (let at = 0; at < listing.length; at = ENTRY.lastIndex) {
    ENTRY.lastIndex = at;
    const match = ENTRY.exec(listing);
    if (!match) throw new CapError('cap/invalid', `unbalanced or misplaced double quote in '${listing}'`, pointer);
    entries.push(match[1] ?? match[2]);
  }
  return entries;
}

export function formatCapGroupListing(entries: readonly string[]): string {
  return entries.map((entry) => (/[ \t\r\n]/.test(entry) ? `"${entry}"` : entry)).join(' ');
}
