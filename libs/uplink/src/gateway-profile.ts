export type GatewayKind = 'satellite' | 'terrestrial';

export interface GatewayProfile {
  gatewayId: string;
  kind: GatewayKind;
  latencyMs: { min: number; max: number };
  capacityCellsPerSecond: number;
  // Probability, per submission or kill, of a failure the caller should retry.
  transientFailureRate: number;
  // The raw 32-byte X25519 private key named by a seal's kid, or undefined when the gateway holds
  // no such key or has retired it. Asked on every submission: keys come and go while it runs.
  privateKeyFor: GatewayKeyResolver;
}

export type GatewayKeyResolver = (kid: string) => Promise<Uint8Array | undefined>;

// Cell ids name their network: 'S-' for satellite beams, 'T-' for terrestrial cells.
const CELL_PREFIX: Record<GatewayKind, string> = { satellite: 'S-', terrestrial: 'T-' };

// Gateway ids name their kind the same way: 'sat-…' for a satellite ground gateway, 'cbc-…' for
// a terrestrial operator's Cell Broadcast Centre.
const GATEWAY_PREFIX: Record<GatewayKind, string> = { satellite: 'sat-', terrestrial: 'cbc-' };

// Defaults a demo or a test can believe in:
// - satellite: a LEO hop at ~550 km adds only a few ms of propagation; the ground segment,
//   feeder link and beam scheduling make the 30–120 ms a direct-to-cell request sees;
// - terrestrial: a CBC reached over the operator's core network, 5–40 ms;
// - capacity: a 200,000-cell national alert takes 10 s on a satellite gateway and 4 s on a CBC,
//   seconds rather than minutes, yet finite, so that concurrent alerts queue behind each other;
// - one submission in a hundred fails transiently, enough for every retry path to run in a demo.
const DEFAULTS: Record<GatewayKind, Omit<GatewayProfile, 'gatewayId' | 'kind' | 'privateKeyFor'>> = {
  satellite: { latencyMs: { min: 30, max: 120 }, capacityCellsPerSecond: 20_000, transientFailureRate: 0.01 },
  terrestrial: { latencyMs: { min: 5, max: 40 }, capacityCellsPerSecond: 50_000, transientFailureRate: 0.01 },
};

// One profile per gateway and its key resolver; the id's prefix ('sat-' or 'cbc-') chooses the kind.
export function defaultGatewayProfiles(keys: Record<string, GatewayKeyResolver>): GatewayProfile[] {
  return Object.entries(keys).map(([gatewayId, privateKeyFor]) => {
    const kind = gatewayKindOf(gatewayId);
    if (!kind) {
      throw new RangeError(`gateway id '${gatewayId}' names no kind: start it with 'sat-' or 'cbc-'`);
    }
    const defaults = DEFAULTS[kind];
    return { gatewayId, kind, ...defaults, latencyMs: { ...defaults.latencyMs }, privateKeyFor };
  });
}

export function gatewayKindOf(gatewayId: string): GatewayKind | undefined {
  return (Object.keys(GATEWAY_PREFIX) as GatewayKind[]).find((kind) => gatewayId.startsWith(GATEWAY_PREFIX[kind]));
}

// Why the gateway cannot serve the cell, or undefined when it can.
export function unservableCellReason(kind: GatewayKind, cellId: string): string | undefined {
  if (cellId.startsWith(CELL_PREFIX[kind])) return undefined;
  return `a ${kind} gateway serves only '${CELL_PREFIX[kind]}' cells`;
}

export function validateGatewayProfile(profile: GatewayProfile): void {
  const { gatewayId, kind, latencyMs, capacityCellsPerSecond, transientFailureRate, privateKeyFor } = profile;
  const checks: [boolean, string][] = [
    [typeof gatewayId === 'string' && gatewayId.length > 0, 'gatewayId must be a non-empty string'],
    [kind === 'satellite' || kind === 'terrestrial', "kind must be 'satellite' or 'terrestrial'"],
    [latencyMs?.min >= 0 && latencyMs.max >= latencyMs.min && Number.isFinite(latencyMs.max), 'latencyMs must satisfy 0 <= min <= max'],
    [capacityCellsPerSecond > 0 && Number.isFinite(capacityCellsPerSecond), 'capacityCellsPerSecond must be a positive number'],
    [transientFailureRate >= 0 && transientFailureRate <= 1, 'transientFailureRate must be in 0..1'],
    [typeof privateKeyFor === 'function', 'privateKeyFor must resolve a key id to a private key'],
  ];
  const failed = checks.find(([ok]) => !ok);
  if (failed) throw new RangeError(`gateway profile ${String(gatewayId)}: ${failed[1]}`);
}

// The configuration's knobs over the defaults: a failure rate, a factor on every capacity and,
// when given, one latency range for all.
export interface SimulatorTuning {
  transientFailureRate: number;
  capacityFactor: number;
  latencyMs?: { min: number; max: number };
}

export function tunedGatewayProfiles(keys: Record<string, GatewayKeyResolver>, t: SimulatorTuning): GatewayProfile[] {
  return defaultGatewayProfiles(keys).map((p) => ({
    ...p,
    transientFailureRate: t.transientFailureRate,
    capacityCellsPerSecond: p.capacityCellsPerSecond * t.capacityFactor,
    latencyMs: t.latencyMs ? { ...t.latencyMs } : p.latencyMs,
  }));
}
