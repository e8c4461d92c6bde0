import type { TargetingSummary } from './alert';
import { AlertError } from './alert-error';
import { checkBroadcastTexts, messageIdentifiersFor, type AudienceDirectory } from './audience';
import { assessTargeting, withAreaPointers } from './assess-targeting';
import { previewBroadcast, type LanguagePreview } from './compose-broadcast';
import type { IncidentDraft } from './incident-draft';
import type { Principal } from '@faro/identity';
import type { Targeter } from './ports';
import type { JurisdictionGuard } from './release-rules';
import type { SatelliteReach, SatelliteReachAssessor } from './satellite-reach';

export interface DraftPreview {
  messages: LanguagePreview[];
  targeting: TargetingSummary;
  // The satellite cells no satellite can serve before the draft's expiry, with the reasons
  // (absent where no sky is wired).
  satellite?: SatelliteReach;
}

// What CreateIncident would decide for a draft, before anything is stored: the same text and
// jurisdiction checks, the same targeting summary, and what release would put on air per
// language (the alert preview's figures). The console asks it while the author draws and types.
export class PreviewDraft {
  constructor(
    private readonly targeter: Targeter,
    private readonly jurisdictions: JurisdictionGuard,
    private readonly audiences: AudienceDirectory,
    private readonly satellite?: SatelliteReachAssessor,
  ) {}

  async run(draft: IncidentDraft, principal: Principal): Promise<DraftPreview> {
    if (draft.msgType === 'Cancel') throw new AlertError('alert/invalid-incident', '/msgType: a Cancel targets what its alert put on air; there is nothing to preview', '/msgType');
    const named = draft.audience === undefined || draft.audience === 'public' ? null : draft.audience;
    if (named && principal.kind !== 'system') await this.audiences.assertMayAddress(named, principal);
    checkBroadcastTexts(draft.languages, named);
    const targeting = await withAreaPointers(draft.areas, async () => {
      if (principal.kind !== 'system') await this.jurisdictions.assertWithin(draft.areas.map((a) => a.spec), principal.jurisdictionId);
      return assessTargeting(draft.areas, await this.targeter.summarize(draft.areas.map((a) => a.spec)));
    });
    const ids = messageIdentifiersFor(named, draft);
    const messages = previewBroadcast({ languages: draft.languages, messageIdentifier: ids.primary, additionalMessageIdentifier: ids.additionalLanguage, audienceGroupId: named });
    if (!this.satellite) return { messages, targeting };
    return { messages, targeting, satellite: await this.satellite.assess(draft.areas.map((a) => a.spec), draft.expires) };
  }
}
