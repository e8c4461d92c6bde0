import { ConstellationError } from './constellation-error';
import type { Gateway } from './ground-point';

/**
 * Gateway sites from configuration: `id:lon:lat:maskDeg` entries separated by commas, e.g.
 * `sat-nord:9.5:45.5:25,sat-isole:11.0:38.0:25`. Each entry is range-checked here so that a
 * typo fails at start, naming the entry, rather than leaving a region silently without a gateway.
 */
export function parseGatewaySites(text: string): Gateway[] {
  const gateways: Gateway[] = [];
  const seen = new Set<string>();
  for (const entry of text.split(',').map((e) => e.trim()).filter((e) => e !== '')) {
    const parts = entry.split(':');
    const [id, lon, lat, mask] = [parts[0], Number(parts[1]), Number(parts[2]), Number(parts[3])];
    if (parts.length !== 4 || !/^[a-z0-9][a-z0-9-]{0,62}$/.test(id)) {
      throw new ConstellationError('constellation/bad-option', `gateway site "${entry}" is not id:lon:lat:maskDeg with a lower-case id`);
    }
    if (!(lon >= -180 && lon <= 180) || !(lat >= -90 && lat <= 90) || !(mask >= 0 && mask < 90)) {
      throw new ConstellationError('constellation/bad-option', `gateway site "${entry}" needs lon in [-180, 180], lat in [-90, 90] and a mask in [0, 90)`);
    }
    if (seen.has(id)) throw new ConstellationError('constellation/bad-option', `gateway site ${id} is named twice`);
    seen.add(id);
    gateways.push({ id, lon, lat, elevationMaskDeg: mask });
  }
  if (gateways.length === 0) throw new ConstellationError('constellation/bad-option', 'no gateway site is configured');
  return gateways;
}

export function formatGatewaySites(gateways: readonly Gateway[]): string {
  return gateways.map((g) => `${g.id}:${g.lon}:${g.lat}:${g.elevationMaskDeg}`).join(',');
}
