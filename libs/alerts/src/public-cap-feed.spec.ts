import { parseCapAlert } from '@faro/cap';
import type { Alert } from './alert';
import type { CapIdentity } from './cap-of-alert';
import { PublicCapFeed, type PublicFeedSource } from './public-cap-feed';
import { anAlert, fixedClock } from './testing/alert-fixtures';

class InMemoryFeedSource implements PublicFeedSource {
  constructor(private readonly alerts: Alert[]) {}
  async candidates(): Promise<Alert[]> {
    return this.alerts;
  }
  async find(id: string): Promise<Alert | null> {
    return this.alerts.find((a) => a.id === id) ?? null;
  }
  async newestLeftBefore(): Promise<Date | null> {
    return null;
  }
  async referenceChains(alerts: Alert[]): Promise<Map<string, CapIdentity[]>> {
    const chain = (a: Alert): CapIdentity[] => {
      const r = this.alerts.find((x) => x.id === a.referencesAlertId);
      return r ? [...chain(r), r] : [];
    };
    return new Map(alerts.map((a) => [a.id, chain(a)]));
  }
}

describe('the public CAP feed', () => {
  const clock = fixedClock('2026-12-06T12:00:00.000Z');
  const on = { state: 'active' as const, releasedAt: new Date('2026-12-06T09:01:00.000Z') };
  const original = anAlert({ id: 'a-1', ...on, state: 'updated', updatedAt: new Date('2026-12-06T10:00:00.000Z') });
  const update = anAlert({ id: 'a-2', ...on, msgType: 'Update', capIdentifier: 'sic-0001', referencesAlertId: 'a-1', rootAlertId: 'a-1', languages: [{ language: 'it-IT', headline: 'Scossa & repliche', text: 'Restare fuori.' }] });
  const exercise = anAlert({ id: 'a-3', ...on, capStatus: 'Exercise' });
  const feed = new PublicCapFeed(new InMemoryFeedSource([original, update, exercise]), clock);

  it('lists the public Actual messages, each linking to its CAP document, text escaped', async () => {
    const { xml, lastModified } = await feed.index();
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(xml.match(/<entry>/g)).toHaveLength(2);
    expect(xml).toContain('<link rel="alternate" type="application/cap+xml" href="alerts/a-2.xml"/>');
    expect(xml).toContain('<title>Update: Scossa &amp; repliche</title>');
    expect(xml).not.toContain('a-3');
    expect(lastModified).toEqual(new Date('2026-12-06T10:00:00.000Z'));
  });

  it('gives an Update its references and refuses a message that is not public', async () => {
    const doc = await feed.document('a-2');
    expect(parseCapAlert(doc!.xml).references.map((r) => r.identifier)).toEqual(['sic-0000']);
    expect(await feed.document('a-3')).toBeNull();
    expect(await feed.document('nope')).toBeNull();
  });
});
