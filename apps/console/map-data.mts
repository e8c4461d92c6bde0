import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

// The base map and the pickable areas, built from the data Faro ships (data/italy-admin,
// data/alert-zones) into dist/console/map/: no tile server, nothing fetched from outside.
// Coordinates are rounded to 3 decimals (~100 m) and repeated points dropped: the map only
// draws and picks; targeting uses the full boundaries on the server.

type Ring = number[][];
interface Feature { type: 'Feature'; properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } }

function roundRing(ring: Ring): Ring {
  const out: Ring = [];
  for (const [x, y] of ring) {
    const p = [Math.round(x * 1000) / 1000, Math.round(y * 1000) / 1000];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out.length >= 4 ? out : ring;
}

function roundGeometry(g: Feature['geometry']): Feature['geometry'] {
  if (g.type === 'Polygon') return { type: g.type, coordinates: (g.coordinates as Ring[]).map(roundRing) };
  if (g.type === 'MultiPolygon') return { type: g.type, coordinates: (g.coordinates as Ring[][]).map((p) => p.map(roundRing)) };
  return g;
}

function layer(file: string, keep: (p: Record<string, unknown>) => Record<string, unknown>): string {
  const fc = JSON.parse(readFileSync(file, 'utf8')) as { features: Feature[] };
  return JSON.stringify({ type: 'FeatureCollection', features: fc.features.map((f) => ({ type: 'Feature', properties: keep(f.properties), geometry: roundGeometry(f.geometry) })) });
}

// Comuni as a list (code, name, province, region): about 7,900 names to pick from, without
// their shapes (10 MB); the preview's cells show where a picked comune is.
function comuni(file: string): string {
  const [head, ...rows] = readFileSync(file, 'utf8').trim().split('\n');
  const cols = head.split(',');
  const at = (name: string) => cols.indexOf(name);
  const [code, name, sigla, prov, reg] = ['pro_com_t', 'name', 'prov_sigla', 'cod_prov', 'cod_reg'].map(at);
  return JSON.stringify(
    rows.map((line) => {
      const f = csvFields(line);
      if (f.length !== cols.length) throw new Error(`comuni.csv: unexpected row ${line}`);
      return [f[code], f[name], f[sigla], f[prov], f[reg]];
    }),
  );
}

// RFC 4180 fields of one line: zone names such as "Valli Orco, Lanzo e Sangone" are quoted.
function csvFields(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') out.push(field), (field = '');
    else field += c;
  }
  out.push(field);
  return out;
}

export function mapData(dataDir: string): Plugin {
  return {
    name: 'faro-map-data',
    apply: 'build',
    generateBundle() {
      const emit = (fileName: string, source: string) => this.emitFile({ type: 'asset', fileName, source });
      emit('map/regions.json', layer(`${dataDir}/italy-admin/regioni.geojson`, (p) => ({ code: p.cod_reg, name: p.name })));
      emit('map/provinces.json', layer(`${dataDir}/italy-admin/province.geojson`, (p) => ({ code: p.cod_prov, name: p.name, sigla: p.sigla, region: p.cod_reg })));
      emit('map/zones.json', layer(`${dataDir}/alert-zones/zone_allerta.geojson`, (p) => ({ code: p.zona_codice, name: p.zona_nome, regions: p.regioni })));
      emit('map/comuni.json', comuni(`${dataDir}/italy-admin/comuni.csv`));
    },
  };
}
