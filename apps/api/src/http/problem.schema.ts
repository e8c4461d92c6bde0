import { z } from 'zod';
import { PROBLEM_TYPES } from './problem-types';

// What ProblemFilter renders (RFC 9457 and Faro's extension members), for the OpenAPI document.
export const problemSchema = z
  .object({
    type: z.string().meta({ description: 'https://faro.example/problems/<code with - for />', example: 'https://faro.example/problems/auth-unauthenticated' }),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    detail: z.string(),
    instance: z.string().meta({ description: 'The request path' }),
    code: z.enum(Object.keys(PROBLEM_TYPES) as [string, ...string[]]).meta({ description: 'Stable Faro error code: the problem table (apps/api/src/http/problem-types.ts)' }),
    pointer: z.string().optional().meta({ description: 'JSON pointer (or CAP element path, or query parameter) to what is at fault' }),
    errorId: z.string().optional().meta({ description: 'For a 500: quote it to the operators; the log has the details' }),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details, served as application/problem+json' });
