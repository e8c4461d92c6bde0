import type { Position } from './area-languages';
import type { TemplateHazard, TextLanguage } from './templates';

// The New alert form's content and the incident JSON it becomes (POST /api/v1/incidents and
// POST /api/v1/drafts/preview take the same body).

export type PickScheme = 'ISTAT_REGION' | 'ISTAT_PROVINCE' | 'ISTAT_MUNICIPALITY' | 'DPC_ALERT_ZONE';

export type DraftArea =
  | { kind: 'polygon'; ring: Position[] }
  | { kind: 'circle'; center: Position; radiusKm: number }
  | { kind: 'geocode'; scheme: PickScheme; code: string; name: string };

export type Status = 'Actual' | 'Exercise' | 'Test';

export interface DraftContent {
  hazard: TemplateHazard;
  status: Status;
  severity: 'Extreme' | 'Severe' | 'Moderate' | 'Minor' | 'Unknown';
  urgency: 'Immediate' | 'Expected' | 'Future' | 'Past' | 'Unknown';
  certainty: 'Observed' | 'Likely' | 'Possible' | 'Unlikely' | 'Unknown';
  expiresInHours: number;
  areas: DraftArea[];
  texts: Array<{ language: TextLanguage; headline: string; text: string }>;
}

export const SEVERITIES = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'] as const;
export const URGENCIES = ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'] as const;
export const CERTAINTIES = ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'] as const;

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

export function incidentBody(d: DraftContent, now: Date): Record<string, unknown> {
  return {
    hazard: d.hazard,
    status: d.status,
    severity: d.severity,
    urgency: d.urgency,
    certainty: d.certainty,
    expires: new Date(now.getTime() + d.expiresInHours * 3600_000).toISOString(),
    areas: d.areas.map((a, i) => {
      switch (a.kind) {
        case 'polygon': {
          // A closed ring, as the schema wants (first position repeated last).
          const ring = a.ring.map(([x, y]) => [round6(x), round6(y)]);
          return { type: 'polygon', description: `drawn area ${i + 1}`, coordinates: [...ring, ring[0]] };
        }
        case 'circle':
          return { type: 'circle', description: `drawn circle ${i + 1}`, center: [round6(a.center[0]), round6(a.center[1])], radiusKm: Math.round(a.radiusKm * 1000) / 1000 };
        case 'geocode':
          return { type: 'geocode', description: a.name, scheme: a.scheme, code: a.code };
      }
    }),
    languages: d.texts.map((t) => ({ language: t.language, ...(t.headline.trim() ? { headline: t.headline.trim() } : {}), text: t.text })),
  };
}

// An earlier alert's content as a new draft ("Copy as new draft"): same hazard, status, texts
// and areas; a fresh expiry.
export function draftFromAlert(a: {
  hazard: string;
  status: Status;
  severity: DraftContent['severity'];
  urgency: DraftContent['urgency'];
  certainty: DraftContent['certainty'];
  languages: Array<{ language: string; headline?: string | null; text: string }>;
  areas: Array<{ description: string; spec: { kind: 'polygon'; ring: Position[] } | { kind: 'circle'; center: Position; radiusKm: number } | { kind: 'geocode'; scheme: PickScheme; code: string } }>;
}): Omit<DraftContent, 'expiresInHours'> {
  return {
    hazard: a.hazard as TemplateHazard,
    status: a.status,
    severity: a.severity,
    urgency: a.urgency,
    certainty: a.certainty,
    areas: a.areas.map(({ description, spec }) => {
      if (spec.kind === 'polygon') {
        const ring = spec.ring;
        const closed = ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1];
        return { kind: 'polygon', ring: closed ? ring.slice(0, -1) : ring };
      }
      if (spec.kind === 'circle') return { kind: 'circle', center: spec.center, radiusKm: spec.radiusKm };
      return { kind: 'geocode', scheme: spec.scheme, code: spec.code, name: description };
    }),
    texts: a.languages.map((l) => ({ language: l.language.split(/[-_]/)[0].toLowerCase() as TextLanguage, headline: l.headline ?? '', text: l.text })),
  };
}
