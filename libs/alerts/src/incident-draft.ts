import type { AreaSpec } from '@faro/targeting';
import type { Hazard } from './hazards';

export type Severity = 'Extreme' | 'Severe' | 'Moderate' | 'Minor' | 'Unknown';
export type Urgency = 'Immediate' | 'Expected' | 'Future' | 'Past' | 'Unknown';
export type Certainty = 'Observed' | 'Likely' | 'Possible' | 'Unlikely' | 'Unknown';
export type AlertStatus = 'Actual' | 'Exercise' | 'Test';
export type MsgType = 'Alert' | 'Update' | 'Cancel';

export interface AlertLanguage {
  language: string; // BCP 47, e.g. it-IT
  headline?: string;
  text: string; // what goes on air
}

export interface AlertArea {
  description: string;
  spec: AreaSpec;
  // Where it was given: a JSON pointer (/areas/2) or a CAP element (alert/info[0]/area[1]/circle[0]).
  pointer?: string;
}

// Either a Faro alert id (JSON API) or CAP references (sender, identifier, sent).
export interface AlertReference {
  alertId?: string;
  cap?: Array<{ sender: string; identifier: string; sent: string }>;
}

// What an incident says, whichever way it arrived (JSON or CAP 1.2).
export interface IncidentDraft {
  msgType: MsgType;
  // 'public', a group id, or absent: public for a new alert, the referenced alert's for an
  // Update or Cancel (which may not change it).
  audience?: string;
  references?: AlertReference;
  hazard: Hazard;
  description?: string;
  location?: { lon: number; lat: number; name?: string };
  areas: AlertArea[];
  severity: Severity;
  urgency: Urgency;
  certainty: Certainty;
  status: AlertStatus;
  level1: boolean;
  languages: AlertLanguage[];
  expires: Date;
  sender: string;
  identifier: string;
  sent: Date;
}
