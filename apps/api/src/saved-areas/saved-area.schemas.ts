import { z } from 'zod';
import { incidentFieldsSchema } from '@faro/alerts';

export const savedAreaBody = z
  .object({
    name: z.string().min(1).max(100),
    areas: incidentFieldsSchema.shape.areas.optional().meta({ description: 'Areas as POST /api/v1/incidents takes them; or give geojson' }),
    geojson: z.unknown().optional().meta({ description: 'A GeoJSON Polygon, MultiPolygon, Feature or FeatureCollection of them; its outer rings become polygons' }),
  })
  .strict();

export const savedAreaSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    areas: z.array(z.record(z.string(), z.unknown())).meta({ description: 'Areas as POST /api/v1/incidents takes them; each polygon simplified to what one broadcast polygon carries' }),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'SavedArea' });

export const savedAreaListSchema = z.object({ items: z.array(savedAreaSchema) });
