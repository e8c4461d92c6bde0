import { z } from 'zod';

export const MAX_CELLS = 5000;

export const cellsQuery = z
  .object({
    bbox: z.string().max(200).meta({ description: 'minLon,minLat,maxLon,maxLat (WGS 84), at most 4 square degrees', example: '15.0,37.4,15.2,37.6' }),
    limit: z.coerce.number().int().min(1).max(MAX_CELLS).default(MAX_CELLS),
  })
  .strict();

const polygon = z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(z.tuple([z.number(), z.number()]))) });

export const cellCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  truncated: z.boolean().meta({ description: 'More cells meet the box than limit' }),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.string(),
      geometry: polygon.meta({ description: 'The coverage: a sector wedge, or an H3 cell boundary for a satellite beam' }),
      properties: z.object({
        kind: z.enum(['terrestrial', 'satellite']),
        operator: z.string(),
        mcc: z.number().int(),
        mnc: z.number().int(),
        rat: z.string(),
        routeId: z.string(),
        gatewayId: z.string(),
        site: z.tuple([z.number(), z.number()]).meta({ description: 'Site position (terrestrial) or cell centre (satellite), [lon, lat]' }),
        azimuthDeg: z.number().nullable(),
        radiusM: z.number(),
        municipalityCode: z.string().nullable(),
      }),
    }),
  ),
});
