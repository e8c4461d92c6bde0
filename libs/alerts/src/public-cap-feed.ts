import { capDateTime, serializeAtomFeed, serializeCapAlert } from '@faro/cap';
import type { Alert } from './alert';
import { capOfAlert, type CapIdentity } from './cap-of-alert';
import type { Clock } from './ports';
import { isInPublicFeed, publicFeedCutoff, publicFeedLastModified } from './public-feed';

// Where the feed reads public alerts (libs/persistence: SqlPublicFeed). candidates may return more
// than the feed holds; isInPublicFeed decides.
export interface PublicFeedSource {
  candidates(cutoff: Date): Promise<Alert[]>;
  find(id: string): Promise<Alert | null>;
  newestLeftBefore(cutoff: Date): Promise<Date | null>;
  referenceChains(alerts: Alert[]): Promise<Map<string, CapIdentity[]>>;
}

export interface PublishedDocument {
  xml: string;
  lastModified: Date | null;
}

export const PUBLIC_FEED_ID = 'urn:faro:public-cap-alerts';

// The public CAP feed: an Atom index of the public Actual messages (public-feed.ts) and each
// message as a CAP 1.2 document, written as Faro put it on air.
export class PublicCapFeed {
  constructor(
    private readonly source: PublicFeedSource,
    private readonly clock: Clock,
  ) {}

  async index(): Promise<PublishedDocument> {
    const now = this.clock.now();
    const cutoff = publicFeedCutoff(now);
    const entries = (await this.source.candidates(cutoff)).filter((a) => isInPublicFeed(a, now));
    const lastModified = publicFeedLastModified(entries, await this.source.newestLeftBefore(cutoff));
    const xml = serializeAtomFeed({
      id: PUBLIC_FEED_ID,
      title: 'Faro public alerts',
      // RFC 4287 §4.2.15: a feed always says when it last changed; an empty one, the epoch.
      updated: capDateTime(lastModified ?? new Date(0)),
      author: 'Faro',
      selfHref: 'alerts.atom',
      entries: entries.map((a) => ({
        id: `urn:uuid:${a.id}`,
        title: entryTitle(a),
        updated: capDateTime(a.updatedAt),
        summary: a.languages[0]?.text,
        capHref: `alerts/${a.id}.xml`,
        categories: [a.msgType, a.hazard, a.severity],
      })),
    });
    return { xml, lastModified };
  }

  // null when the alert is not (or no longer) in the feed: a consumer cannot tell it from unknown.
  async document(id: string): Promise<PublishedDocument | null> {
    const alert = await this.source.find(id);
    if (!alert || !isInPublicFeed(alert, this.clock.now())) return null;
    const chain = (await this.source.referenceChains([alert])).get(alert.id) ?? [];
    return { xml: serializeCapAlert(capOfAlert(alert, chain)), lastModified: alert.updatedAt };
  }
}

function entryTitle(a: Alert): string {
  const first = a.languages[0];
  const what = first?.headline || first?.text || a.hazard;
  return a.msgType === 'Alert' ? what : `${a.msgType}: ${what}`;
}
