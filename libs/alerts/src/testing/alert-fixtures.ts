import type { Principal, Role } from '@faro/identity';
import { type AreaSpec } from '@faro/targeting';
import { JurisdictionError } from '@faro/jurisdictions';
import type { Alert, TargetingSummary } from '../alert';
import { AlertError } from '../alert-error';
import type { AudienceDirectory } from '../audience';
import type { AlertArea, IncidentDraft } from '../incident-draft';
import type { Clock, Targeter } from '../ports';
import type { JurisdictionGuard } from '../release-rules';
import { isWithin } from './in-memory-alert-store';

// Small, complete values for unit specs of libs/alerts; each spec overrides what it is about.

const municipality = (code: string): AreaSpec => ({ kind: 'geocode', scheme: 'ISTAT_MUNICIPALITY', code });

export const CATANIA: AlertArea = { description: 'Catania', spec: municipality('087015') };
export const ACIREALE: AlertArea = { description: 'Acireale', spec: municipality('087004') };
export const MILANO: AlertArea = { description: 'Milano', spec: municipality('015146') };
// An area of open sea: inside Sicily's jurisdiction, but no cell reaches it.
export const OPEN_SEA: AlertArea = { description: 'Canale di Sicilia', spec: municipality('sea-01') };

// Which territory each area of the fixtures lies in (IT-R19 Sicily, IT-R03 Lombardy).
const TERRITORY: Record<string, string> = { '087015': 'IT-R19', '087004': 'IT-R19', 'sea-01': 'IT-R19', '015146': 'IT-R03' };

export function fixedClock(at = '2026-12-06T10:00:00.000Z'): Clock & { set(iso: string): void } {
  let now = new Date(at);
  return { now: () => new Date(now), set: (iso: string) => void (now = new Date(iso)) };
}

export function aUser(id: string, roles: Role[], over: Partial<Principal> = {}): Principal {
  return { kind: 'user', id, name: id, roles, jurisdictionId: 'IT-R19', via: { method: 'session', secondFactor: 'totp' }, ...over };
}

export function aSensor(id: string, over: Partial<Principal> = {}): Principal {
  return { kind: 'sensor', id, name: id, roles: [], jurisdictionId: 'IT-R19', via: { method: 'webhook-signature' }, ...over };
}

export function aDraft(over: Partial<IncidentDraft> = {}): IncidentDraft {
  return {
    msgType: 'Alert',
    hazard: 'earthquake',
    areas: [CATANIA],
    severity: 'Extreme',
    urgency: 'Immediate',
    certainty: 'Observed',
    status: 'Actual',
    level1: false,
    languages: [{ language: 'it-IT', text: 'Terremoto: allontanarsi dagli edifici.' }],
    expires: new Date('2026-12-06T16:00:00.000Z'),
    sender: 'protezionecivile@regione.sicilia.it',
    identifier: 'sic-0001',
    sent: new Date('2026-12-06T09:59:00.000Z'),
    ...over,
  };
}

export function anAlert(over: Partial<Alert> = {}): Alert {
  const at = new Date('2026-12-06T09:00:00.000Z');
  return {
    id: 'alert-1',
    incidentId: 'incident-1',
    state: 'draft',
    msgType: 'Alert',
    capStatus: 'Actual',
    capIdentifier: 'sic-0000',
    sender: 'protezionecivile@regione.sicilia.it',
    sent: at,
    hazard: 'earthquake',
    severity: 'Extreme',
    urgency: 'Immediate',
    certainty: 'Observed',
    level1: false,
    expiresAt: new Date('2026-12-06T16:00:00.000Z'),
    referencesAlertId: null,
    rootAlertId: over.id ?? 'alert-1',
    languages: [{ language: 'it-IT', text: 'Terremoto: allontanarsi dagli edifici.' }],
    areas: [CATANIA],
    messageIdentifier: 4371,
    additionalMessageIdentifier: 4384,
    geographicalScope: 0,
    messageCode: 17,
    codeCycle: 0,
    updateNumber: 0,
    targeting: null,
    version: 1,
    createdAt: at,
    updatedAt: at,
    releasedAt: null,
    draftedBy: 'user:olga',
    jurisdictionId: 'IT-R19',
    approvedBy: null,
    origin: 'operator',
    audienceGroupId: null,
    ...over,
  };
}

// Targeting over the fixtures' areas: every area reaches cells but OPEN_SEA. Counts its calls.
export class FakeTargeter implements Targeter {
  calls = 0;

  async summarize(areas: AreaSpec[]): Promise<TargetingSummary> {
    this.calls++;
    const perArea = areas.map((a) => {
      const reaches = !(a.kind === 'geocode' && a.code.startsWith('sea-'));
      return { reachesCells: reaches, requestedKm2: 100, uncoveredKm2: reaches ? 0 : 100 };
    });
    const cells = perArea.filter((a) => a.reachesCells).length * 10;
    return {
      counts: { terrestrial: cells, satellite: 0, total: cells },
      routes: {},
      requestedAreaKm2: 100 * areas.length,
      coveredAreaKm2: 100 * areas.length,
      overshootKm2: 0,
      uncoveredKm2: 0,
      areas: perArea,
      residentPopulation: 1000,
      method: 'fake',
      computedAt: '2026-12-06T10:00:00.000Z',
    };
  }
}

// The jurisdiction guard over the fixtures' territories: 'IT' holds all; an area of unknown
// territory (a circle) lies anywhere. Throws as the real guard does, naming the first area outside.
export const fakeJurisdictions: JurisdictionGuard = {
  async assertWithin(areas, jurisdictionId) {
    const i = areas.findIndex((a) => a.kind === 'geocode' && TERRITORY[a.code] && !isWithin(TERRITORY[a.code], jurisdictionId));
    if (i >= 0) throw new JurisdictionError('jurisdiction/outside', `area ${i + 1} lies outside ${jurisdictionId}`, i);
  },
};

// Restricted-audience groups by id, with the territory each belongs to.
export function fakeAudiences(groups: Record<string, string> = { 'cp-sicilia': 'IT-R19' }): AudienceDirectory {
  return {
    async assertMayAddress(groupId, principal) {
      const where = groups[groupId];
      if (!where) throw new AlertError('alert/unknown-audience', `No group ${groupId}`);
      if (!isWithin(where, principal.jurisdictionId)) throw new AlertError('alert/forbidden', `Group ${groupId} is outside ${principal.jurisdictionId}`);
    },
  };
}
