import type { IncidentDraft, SatelliteReach, TargetingSummary } from '@faro/alerts';
import type { SkySettings } from '@faro/constellation';
import type { AreaSpec } from '@faro/targeting';

// What the API's drafting threads are asked and answer (drafting-thread.ts). Errors cross the
// thread boundary as data: structured cloning keeps an Error's message but not its class or code.

export type DraftingTask =
  | { kind: 'read-json'; body: unknown; now: Date; defaultSender: string }
  // The bytes as received: the CAP parser decides the encoding from the XML declaration.
  // magnitude: read a sensor's magnitude parameter too (a sensor's alert is released by it).
  | { kind: 'read-cap'; bytes: Uint8Array; now: Date; magnitude: boolean }
  | { kind: 'assert-within'; areas: AreaSpec[]; jurisdictionId: string }
  | { kind: 'summarize'; areas: AreaSpec[] }
  // The satellite cells no satellite serves before the expiry (AssessSatelliteReach).
  | { kind: 'satellite-reach'; areas: AreaSpec[]; expires: Date };

export interface DraftingThreadOptions {
  databaseUrl: string;
  dataDir: string;
  overshootWarnFactor: number;
  terrestrialNetworkWide: boolean;
  sky: SkySettings;
  repetitionSeconds: number;
}

export interface CodedErrorData {
  name: string;
  code?: string;
  message: string;
  areaIndex?: number;
  pointer?: string;
}

/** A CAP document read into a draft, with CAP's own identity (sender|identifier|sent), its text
 * as decoded (what is stored), and a sensor's magnitude parameter if it carries one. */
export interface CapIncident {
  draft: IncidentDraft;
  capIdentity: string;
  text: string;
  magnitude: number | null;
}

export type DraftingReply =
  | { ok: true; summary?: TargetingSummary; cap?: CapIncident; draft?: IncidentDraft; reach?: SatelliteReach }
  | { ok: false; error: CodedErrorData };
