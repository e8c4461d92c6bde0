import type { Principal } from '@faro/identity';
import type { AreaSpec } from '@faro/targeting';
import type { TargetingSummary } from './alert';
import type { AudienceDirectory } from './audience';
import type { IncidentDraft } from './incident-draft';
import { PreviewDraft } from './preview-draft';
import type { Targeter } from './ports';
import type { JurisdictionGuard } from './release-rules';

class OutsideError extends Error {
  readonly code = 'jurisdiction/outside';
}

const summary: TargetingSummary = {
  counts: { terrestrial: 3, satellite: 1, total: 4 },
  routes: {},
  requestedAreaKm2: 10,
  coveredAreaKm2: 12,
  overshootKm2: 2,
  uncoveredKm2: 0,
  residentPopulation: 1000,
  method: 'test',
  computedAt: '2026-12-06T10:00:00.000Z',
};

// Fakes: everything is inside Sicily except an area coded 'far'; the targeter counts its calls.
function fakes() {
  const summarized: AreaSpec[][] = [];
  const guard: JurisdictionGuard = {
    async assertWithin(areas, jurisdictionId) {
      if (areas.some((a) => a.kind === 'geocode' && a.code === 'far')) throw new OutsideError(`area 'far' is outside ${jurisdictionId}`);
    },
  };
  const targeter: Targeter = {
    async summarize(areas) {
      summarized.push(areas);
      return summary;
    },
  };
  const audiences: AudienceDirectory = { assertMayAddress: async () => undefined } as unknown as AudienceDirectory;
  return { preview: new PreviewDraft(targeter, guard, audiences), summarized };
}

const operator: Principal = { kind: 'user', id: 'olga', name: 'Olga', roles: ['operator'], jurisdictionId: 'IT-R19' };

function draft(code: string, text = 'Forte terremoto. Allontanarsi dagli edifici.'): IncidentDraft {
  return {
    msgType: 'Alert',
    hazard: 'earthquake',
    areas: [{ description: code, spec: { kind: 'geocode', scheme: 'ISTAT_MUNICIPALITY', code }, pointer: '/areas/0' }],
    severity: 'Severe',
    urgency: 'Immediate',
    certainty: 'Observed',
    status: 'Exercise',
    level1: false,
    languages: [{ language: 'it', text }, { language: 'en', text: 'Strong earthquake: αβγ' }],
    expires: new Date('2026-12-06T12:00:00Z'),
    sender: 'faro-api',
    identifier: 'x',
    sent: new Date('2026-12-06T10:00:00Z'),
  } as IncidentDraft;
}

describe('PreviewDraft', () => {
  it('adds the satellite cells no satellite serves before the draft\'s expiry, asked for its areas', async () => {
    const { summarized } = fakes();
    const asked: Array<[AreaSpec[], Date]> = [];
    const reach = { satelliteCells: 1, deadline: new Date('2026-12-06T12:00:00Z'), source: 'assessed' as const, unservedCount: 1, byReason: { 'no-satellite-in-view': 0, 'no-gateway-in-view': 1, 'beam-capacity': 0 }, unserved: [{ cellId: 'S-1', reason: 'no-gateway-in-view' as const }] };
    const targeter: Targeter = { summarize: async (areas) => (summarized.push(areas), summary) };
    const guard: JurisdictionGuard = { assertWithin: async () => undefined };
    const withSky = new PreviewDraft(targeter, guard, { assertMayAddress: async () => undefined } as unknown as AudienceDirectory, { assess: async (areas, expires) => (asked.push([areas, expires]), reach) });
    const r = await withSky.run(draft('087015'), operator);
    expect(r.satellite).toEqual(reach);
    expect(asked).toEqual([[[{ kind: 'geocode', scheme: 'ISTAT_MUNICIPALITY', code: '087015' }], new Date('2026-12-06T12:00:00Z')]]);
    expect((await fakes().preview.run(draft('087015'), operator)).satellite).toBeUndefined();
  });

  it('answers the targeting summary and, per language, the alphabet and pages release would use', async () => {
    const { preview } = fakes();
    const r = await preview.run(draft('087015'), operator);
    expect(r.targeting.counts.total).toBe(4);
    expect(r.messages.map((m) => [m.language, m.alphabet, m.totalPages])).toEqual([['it', 'gsm7', 1], ['en', 'ucs2', 1]]);
  });

  it('refuses an area outside the territory, naming it, before any targeting', async () => {
    const { preview, summarized } = fakes();
    await expect(preview.run(draft('far'), operator)).rejects.toMatchObject({ code: 'jurisdiction/outside', message: "area 'far' is outside IT-R19" });
    expect(summarized).toEqual([]);
  });

  it('refuses a text the broadcast cannot carry, naming its language', async () => {
    const { preview } = fakes();
    await expect(preview.run(draft('087015', 'x'.repeat(1400)), operator)).rejects.toMatchObject({ code: 'alert/text-too-long', message: expect.stringContaining('languages[0] (it)') });
  });
});
