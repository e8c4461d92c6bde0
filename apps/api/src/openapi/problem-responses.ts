import { PROBLEM_TYPES } from '../http/problem-types';

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

// A problem response: the shared Problem schema, with the codes of the table that carry this
// status, so an integrator sees which `code` values to expect.
export function problemResponse(status: number): { description: string; content: Record<string, { schema: { $ref: string } }> } {
  const codes = Object.entries(PROBLEM_TYPES)
    .filter(([, t]) => t.status === status)
    .map(([code]) => code);
  const description = codes.length ? `Problem; Faro codes with this status: ${codes.join(', ')}` : 'Problem';
  return { description, content: { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } } };
}
