// No Faro body nests deeper than a GeoJSON MultiPolygon inside a FeatureCollection (about eight
// levels). A far deeper one parsed, but handing it to the drafting thread (structured clone,
// recursive) exhausted the stack and the API answered 500 (found by the HTTP fuzz: 20,000 nested
// arrays posted as an incident). Refused at the edge instead. Iterative, like findNulCharacter.
export const MAX_JSON_DEPTH = 64;

export function jsonDeeperThan(value: unknown, max: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 0]];
  while (pending.length > 0) {
    const [v, depth] = pending.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) pending.push([child, depth + 1]);
  }
  return false;
}
