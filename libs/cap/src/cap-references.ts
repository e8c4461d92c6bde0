import { CapReference } from './cap-alert';
import { capDateTimeProblem } from './cap-date-time';
import { CapError } from './cap-error';
import { capIdentifierProblem } from './cap-identifier';
import { trimXmlWhitespace } from './xml-character-data';

const POINTER = 'alert/references';

// CAP 1.2 §3.2.1 <references>: "The extended message identifier(s) (in the form
// sender,identifier,sent) of an earlier CAP message or messages referenced by this one.
// If multiple messages are referenced, they SHALL be separated by whitespace."
export function parseCapReferences(s: string): CapReference[] {
  const listing = trimXmlWhitespace(s);
  if (listing === '') return [];
  return listing.split(/[ \t\r\n]+/).map((entry, i) => {
    const parts = entry.split(',');
    if (parts.length !== 3) {
      throw new CapError('cap/invalid', `reference '${entry}' is not of the form sender,identifier,sent`, POINTER);
    }
    const reference = { sender: parts[0], identifier: parts[1], sent: parts[2] };
    checkCapReference(reference, i);
    return reference;
  });
}

export function checkCapReference(reference: CapReference, index: number): void {
  const problem =
    prefixed('sender', capIdentifierProblem(reference.sender)) ??
    prefixed('identifier', capIdentifierProblem(reference.identifier)) ??
    prefixed('sent', capDateTimeProblem(reference.sent));
  if (problem) throw new CapError('cap/invalid', `reference ${index + 1}: ${problem}`, POINTER);
}

export function formatCapReferences(references: readonly CapReference[]): string {
  return references.map((r) => `${r.sender},${r.identifier},${r.sent}`).join(' ');
}

function prefixed(part: string, problem: string | undefined): string | undefined {
  return problem === undefined ? undefined : `${part} ${problem}`;
}
