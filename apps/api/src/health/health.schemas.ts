import { z } from 'zod';

const indicators = z.record(z.string(), z.looseObject({ status: z.enum(['up', 'down']) }));

// @nestjs/terminus's answer when every check is up (a failed check is a 503 problem).
export const healthSchema = z.object({ status: z.literal('ok'), info: indicators, error: indicators, details: indicators });
