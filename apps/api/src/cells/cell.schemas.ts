import { z } from 'zod';

export const MAX_CELLS = 5000;

export const cellsQuery = z
  .object({
    bbox: z.string().max(200).meta({ description: 'minLon,minLat,maxLon,maxLat (WGS 84), at most 4 square degrees', example: '15.0,37.4,15.2,37.6' }),
    limit: z.coerce.number().int().min(1).max(MAX_CELLS).default(MAX_CELLS),
  })
  .strict();
