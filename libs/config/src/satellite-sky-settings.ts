import type { FaroConfig } from './config-schema';

// The SATELLITE_* variables as libs/constellation's skyFromSettings takes them (plain data, so
// the API can hand them to its drafting threads).
export function satelliteSkySettings(c: FaroConfig) {
  return {
    dataDir: c.FARO_DATA_DIR,
    elementSets: c.SATELLITE_ELEMENT_SETS,
    gateways: c.SATELLITE_GATEWAYS,
    cellElevationMaskDeg: c.SATELLITE_ELEVATION_MASK_DEG,
    beamCapacity: c.SATELLITE_BEAM_CAPACITY,
    epochMaxAgeDays: c.SATELLITE_EPOCH_MAX_AGE_DAYS,
  };
}
