// What an uploaded area file holds, as GeoJSON for POST /api/v1/saved-areas: a GeoJSON file as it
// is, or a zipped shapefile (what GIS desks export most) read by shpjs, which reprojects to WGS 84
// from the .prj. shpjs and proj4 are loaded only when a shapefile is uploaded.

export type AreaFile = { geojson: unknown } | { error: 'notJson' | 'notShapefile' };

// Every zip starts with a local file header, "PK\x03\x04".
function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

export async function readAreaFile(file: Blob): Promise<AreaFile> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (isZip(bytes)) return readShapefileZip(bytes);
  try {
    return { geojson: JSON.parse(new TextDecoder().decode(bytes)) };
  } catch {
    return { error: 'notJson' };
  }
}

async function readShapefileZip(bytes: Uint8Array): Promise<AreaFile> {
  const { default: shp } = await import('shpjs');
  let parsed: GeoJsonCollection | GeoJsonCollection[];
  try {
    parsed = await shp(bytes.buffer as ArrayBuffer);
  } catch {
    return { error: 'notShapefile' };
  }
  // A zip with several layers gives one collection per layer: their polygons make the area.
  const layers = Array.isArray(parsed) ? parsed : [parsed];
  return { geojson: { type: 'FeatureCollection', features: layers.flatMap((l) => l.features ?? []) } };
}

interface GeoJsonCollection {
  type: 'FeatureCollection';
  features?: unknown[];
}
