import fc from 'fast-check';
import { AlertError } from './alert-error';
import { parseIncidentJson } from './parse-incident-json';

// Property-based checks of the JSON incident parser (issue 9): whatever body arrives, it yields
// a draft or an AlertError 'alert/invalid-incident' whose pointer names the field at fault (a
// 422 at the API), never another exception. Bounded and seeded: a failure prints the seed and
// the counterexample.
const RUNS = { numRuns: 400, seed: 9_0902 };
const NOW = new Date('2026-03-01T10:00:00Z');

const valid = () => ({
  hazard: 'flood',
  areas: [
    { type: 'geocode', scheme: 'ISTAT_MUNICIPALITY', code: '087015' },
    { type: 'polygon', coordinates: [[15, 37.5], [15.1, 37.5], [15.1, 37.6], [15, 37.5]] },
    { type: 'circle', center: [15.05, 37.5], radiusKm: 3 },
  ],
  severity: 'Severe',
  urgency: 'Expected',
  certainty: 'Likely',
  status: 'Exercise',
  location: { lon: 15, lat: 37.5, name: 'Catania' },
  languages: [{ language: 'it-IT', headline: 'Piena', text: 'Esercitazione: rischio alluvione a Catania.' }],
  expires: '2026-03-01T12:00:00+01:00',
});

function draftOrRefusal(body: unknown): 'draft' | AlertError {
  try {
    parseIncidentJson(body, NOW, 'faro-test');
    return 'draft';
  } catch (error) {
    if (error instanceof AlertError && error.code === 'alert/invalid-incident' && typeof error.pointer === 'string' && error.pointer.startsWith('/')) {
      expect(error.message).toContain(error.pointer === '/' ? 'body' : error.pointer);
      return error;
    }
    throw error;
  }
}

// Values of every JSON type, and a few that only a JavaScript caller could pass.
const oddValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(NaN, Infinity, -0, 1e308, '', ' ', '\u0000', '2026-03-01T12:00:00Z', '2026-02-30T12:00:00+01:00', 'x'.repeat(5000), [], {}, null),
  fc.anything({ maxDepth: 2, withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withBoxedValues: true }),
);
const FIELDS = ['hazard', 'areas', 'severity', 'urgency', 'certainty', 'status', 'location', 'languages', 'expires', 'msgType', 'references', 'audience', 'description', 'level1', 'sender', 'identifier', '__proto__', 'constructor', 'toString', ''];

// A valid body with fields replaced, added or removed, at the top or one level down.
const mutated = (value: fc.Arbitrary<unknown>) => fc
  .array(
    fc.record({ field: fc.constantFrom(...FIELDS), value, inner: fc.option(fc.oneof(fc.nat({ max: 3 }), fc.constantFrom('type', 'coordinates', 'center', 'radiusKm', 'scheme', 'code', 'language', 'text', 'lon', 'lat'))), remove: fc.boolean() }),
    { minLength: 1, maxLength: 4 },
  )
  .map((edits) => {
    const body: Record<string, any> = valid();
    for (const { field, value, inner, remove } of edits) {
      const target = inner !== null && Object.hasOwn(body, field) && body[field] && typeof body[field] === 'object' ? body[field] : body;
      const key = inner !== null && target !== body ? (Array.isArray(target) && typeof inner === 'string' ? 0 : inner) : field;
      if (remove) delete target[key as string];
      else Object.defineProperty(target, key as string, { value, enumerable: true, writable: true, configurable: true });
    }
    return body;
  });
const mutatedBody = mutated(oddValue);

describe('parseIncidentJson, whatever body it is given', () => {
  it('takes the valid body', () => {
    expect(draftOrRefusal(valid())).toBe('draft');
  });

  it('answers any value with a draft or an invalid-incident error naming a pointer', () => {
    fc.assert(fc.property(oddValue, (body) => void draftOrRefusal(body)), RUNS);
  });

  it('answers a valid body with fields replaced, added or removed with a draft or an invalid-incident error naming a pointer', () => {
    fc.assert(fc.property(mutatedBody, (body) => void draftOrRefusal(body)), { ...RUNS, numRuns: 800 });
  });

  it('answers a body parsed from any JSON text with a draft or an invalid-incident error naming a pointer', () => {
    const jsonText = fc.oneof(fc.json({ maxDepth: 3 }), mutated(fc.jsonValue({ maxDepth: 2 })).map((b) => JSON.stringify(b)));
    fc.assert(fc.property(jsonText, (text) => void draftOrRefusal(JSON.parse(text))), RUNS);
  });
});
