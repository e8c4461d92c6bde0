import { isAbsolute, resolve } from 'node:path';
import { Constellation } from './constellation';
import { ConstellationSky } from './constellation-sky';
import { readElementSets } from './element-sets';
import { parseGatewaySites } from './gateway-sites';
import { DEFAULT_GATEWAYS } from './ground-point';
import { SnapshotSky } from './snapshot-sky';

// The sky's settings as libs/config declares them (SATELLITE_*), plain so that a worker thread
// can receive them.
export interface SkySettings {
  dataDir: string;
  elementSets: string;
  // id:lon:lat:maskDeg,…; unset: DEFAULT_GATEWAYS.
  gateways?: string;
  cellElevationMaskDeg: number;
  beamCapacity: number;
  epochMaxAgeDays: number;
}

/** The sky the apps plan on; a bad gateway list or element file fails here, at start. */
export function skyFromSettings(s: SkySettings): ConstellationSky {
  const sets = readElementSets(isAbsolute(s.elementSets) ? s.elementSets : resolve(s.dataDir, s.elementSets));
  const gateways = s.gateways === undefined || s.gateways.trim() === '' ? DEFAULT_GATEWAYS : parseGatewaySites(s.gateways);
  return new ConstellationSky(new Constellation(sets), gateways, {
    cellElevationMaskDeg: s.cellElevationMaskDeg,
    beamCapacity: s.beamCapacity,
    skyOffsetMs: new SnapshotSky(sets, s.epochMaxAgeDays).offsetMs,
  });
}
