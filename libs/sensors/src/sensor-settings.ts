import { z } from 'zod';
import { HAZARDS } from '@faro/alerts';
import { RELEASE_POLICIES, type AutoReleaseConditions, type ReleasePolicyName } from './sensor';
import { SensorError } from './sensor-error';

export const autoReleaseSchema = z
  .object({
    minMagnitude: z.number().min(-2).max(10).optional(),
    hazards: z.array(z.enum(HAZARDS)).min(1).max(HAZARDS.length).optional(),
  })
  .strict();

export const newSensorSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    jurisdictionId: z.string().min(1).max(64),
    releasePolicy: z.enum(RELEASE_POLICIES),
    autoRelease: autoReleaseSchema.optional(),
    rateLimitPerMinute: z.number().int().min(1).max(10_000).optional(),
  })
  .strict();

export const sensorChangeSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    releasePolicy: z.enum(RELEASE_POLICIES).optional(),
    autoRelease: autoReleaseSchema.optional(),
    rateLimitPerMinute: z.number().int().min(1).max(10_000).optional(),
    disabled: z.boolean().optional(),
  })
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'nothing to change' });

export const rotationSchema = z
  .object({
    // How long the old secret stays valid beside the new one: up to 30 days.
    overlapSeconds: z.number().int().min(0).max(30 * 86_400),
  })
  .strict();

export interface NewSensor {
  name: string;
  jurisdictionId: string;
  releasePolicy: ReleasePolicyName;
  autoRelease: AutoReleaseConditions;
  rateLimitPerMinute: number;
}

export type SensorChange = z.infer<typeof sensorChangeSchema>;

export const DEFAULT_RATE_LIMIT_PER_MINUTE = 60;

export function parseNewSensor(body: unknown): NewSensor {
  const v = parse(newSensorSchema, body);
  const s: NewSensor = {
    name: v.name,
    jurisdictionId: v.jurisdictionId,
    releasePolicy: v.releasePolicy,
    autoRelease: v.autoRelease ?? {},
    rateLimitPerMinute: v.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE,
  };
  assertPolicyCoherent(s.releasePolicy, s.autoRelease);
  return s;
}

export function parseSensorChange(body: unknown): SensorChange {
  return parse(sensorChangeSchema, body);
}

export function parseRotation(body: unknown): { overlapSeconds: number } {
  return parse(rotationSchema, body);
}

// An 'auto' sensor with no condition would put everything it says on air: refused.
export function assertPolicyCoherent(policy: ReleasePolicyName, autoRelease: AutoReleaseConditions): void {
  if (policy === 'auto' && autoRelease.minMagnitude === undefined && !autoRelease.hazards?.length) {
    throw new SensorError('sensor/invalid', '/autoRelease: an auto policy needs at least one condition (minMagnitude or hazards)', '/autoRelease');
  }
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const i = r.error.issues[0];
  const at = '/' + i.path.map(String).join('/');
  throw new SensorError('sensor/invalid', `${at === '/' ? 'body' : at}: ${i.message}`, at);
}
