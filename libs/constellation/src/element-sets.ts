import { readFileSync } from 'node:fs';
import { ConstellationError } from './constellation-error';

// One satellite's NORAD two-line element set, as CelesTrak publishes it (name line, line 1, line 2).
export interface ElementSet {
  /** The NORAD catalogue number, as text: the satellite's id everywhere in this lib. */
  satelliteId: string;
  name: string;
  line1: string;
  line2: string;
}

/**
 * The element sets of a three-line TLE file (data/satellites/*.tle). The lines are checked for
 * shape and checksum here, so a damaged file fails at load, naming the record, rather than
 * propagating a satellite to a wrong place; the elements themselves are satellite.js's to read.
 */
export function parseElementSets(text: string): ElementSet[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines.length % 3 !== 0) {
    throw new ConstellationError('constellation/bad-element-set', `a three-line element file has ${lines.length} non-empty lines, not a multiple of 3`);
  }
  const sets: ElementSet[] = [];
  for (let i = 0; i < lines.length; i += 3) {
    const name = lines[i].trim();
    const line1 = lines[i + 1].trimEnd();
    const line2 = lines[i + 2].trimEnd();
    checkLine(line1, '1', name);
    checkLine(line2, '2', name);
    const satelliteId = line1.slice(2, 7).trim();
    if (line2.slice(2, 7).trim() !== satelliteId) {
      throw new ConstellationError('constellation/bad-element-set', `${name}: line 1 names satellite ${satelliteId}, line 2 ${line2.slice(2, 7).trim()}`);
    }
    sets.push({ satelliteId, name, line1, line2 });
  }
  return sets;
}

export function readElementSets(path: string): ElementSet[] {
  return parseElementSets(readFileSync(path, 'utf8'));
}

// The TLE checksum: the last column is the sum of the digits of the first 68, a minus sign
// counting 1, modulo 10.
function checkLine(line: string, number: '1' | '2', name: string): void {
  if (line.length !== 69 || !line.startsWith(`${number} `)) {
    throw new ConstellationError('constellation/bad-element-set', `${name}: line ${number} is not a 69-column TLE line ${number}`);
  }
  let sum = 0;
  for (const ch of line.slice(0, 68)) {
    if (ch >= '0' && ch <= '9') sum += ch.charCodeAt(0) - 48;
    else if (ch === '-') sum += 1;
  }
  if (sum % 10 !== Number(line[68])) {
    throw new ConstellationError('constellation/bad-element-set', `${name}: line ${number} fails its checksum`);
  }
}
