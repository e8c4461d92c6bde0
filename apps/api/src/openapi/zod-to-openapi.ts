import { z } from 'zod';

export interface ConvertedSchema {
  schema: Record<string, unknown>;
  components: Record<string, unknown>;
}

// OpenAPI 3.1 takes JSON Schema 2020-12 as it is: what zod emits (z.toJSONSchema), so the schema
// that validates a request (or describes a view) is the one documented. Named schemas
// (.meta({ id })) become components.
export function zodToOpenApi(schema: unknown, { schemaType }: { schemaType: 'input' | 'output' }): ConvertedSchema | undefined {
  if (!(schema instanceof z.ZodType)) return undefined;
  const { $schema: _dialect, $defs, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: schemaType, unrepresentable: 'any' }) as Record<string, unknown>;
  return { schema: rest, components: ($defs as Record<string, unknown> | undefined) ?? {} };
}
