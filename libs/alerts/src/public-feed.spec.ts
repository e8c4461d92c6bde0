import { anAlert } from './testing/alert-fixtures';
import { isInPublicFeed, leftAirAt, publicFeedLastModified } from './public-feed';

const NOW = new Date('2026-12-06T12:00:00.000Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3600_000);
const released = { releasedAt: hoursAgo(30), state: 'active' as const };

describe('which alerts the public CAP feed holds', () => {
  it('holds a public Actual alert on air, however long ago it was released', () => {
    expect(isInPublicFeed(anAlert({ ...released, updatedAt: hoursAgo(29) }), NOW)).toBe(true);
    expect(isInPublicFeed(anAlert({ ...released, state: 'broadcasting' }), NOW)).toBe(true);
    expect(isInPublicFeed(anAlert({ ...released, state: 'cancelling' }), NOW)).toBe(true);
  });

  it('never holds an Exercise, a Test or a restricted-audience alert, even on air', () => {
    expect(isInPublicFeed(anAlert({ ...released, capStatus: 'Exercise' }), NOW)).toBe(false);
    expect(isInPublicFeed(anAlert({ ...released, capStatus: 'Test' }), NOW)).toBe(false);
    expect(isInPublicFeed(anAlert({ ...released, audienceGroupId: 'soccorso-fvg' }), NOW)).toBe(false);
  });

  it('never holds an alert that was not released: a draft, one pending or approved, or one rejected back to draft', () => {
    for (const state of ['draft', 'pending_approval', 'approved'] as const) {
      expect(isInPublicFeed(anAlert({ state, releasedAt: null }), NOW)).toBe(false);
    }
    expect(isInPublicFeed(anAlert({ state: 'cancelled', releasedAt: null, updatedAt: hoursAgo(1) }), NOW)).toBe(false);
  });

  it('keeps an alert that left the air (expired, updated or cancelled) for 24 h after it did', () => {
    for (const state of ['expired', 'updated', 'cancelled'] as const) {
      expect(isInPublicFeed(anAlert({ ...released, state, updatedAt: hoursAgo(23.9) }), NOW)).toBe(true);
      expect(isInPublicFeed(anAlert({ ...released, state, updatedAt: hoursAgo(24.1) }), NOW)).toBe(false);
    }
  });

  it('keeps a released Cancel for 24 h from its release, in whichever state its kills are', () => {
    const cancel = (releasedAt: Date, state: 'killing' | 'done') => anAlert({ msgType: 'Cancel', state, releasedAt, updatedAt: NOW });
    expect(isInPublicFeed(cancel(hoursAgo(1), 'killing'), NOW)).toBe(true);
    expect(isInPublicFeed(cancel(hoursAgo(23), 'done'), NOW)).toBe(true);
    expect(isInPublicFeed(cancel(hoursAgo(25), 'done'), NOW)).toBe(false);
    expect(leftAirAt(cancel(hoursAgo(25), 'done'))).toEqual(hoursAgo(25));
  });

  it('dates the feed by its newest change or by the latest entry to fall out of the window', () => {
    const a = anAlert({ ...released, updatedAt: hoursAgo(10) });
    expect(publicFeedLastModified([a], null)).toEqual(hoursAgo(10));
    expect(publicFeedLastModified([a], hoursAgo(30))).toEqual(hoursAgo(6));
    expect(publicFeedLastModified([], null)).toBeNull();
  });
});
