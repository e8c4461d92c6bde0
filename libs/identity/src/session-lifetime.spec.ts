import { sessionExpiry, slidSessionExpiry, SESSION_IDLE_MS, SESSION_MAX_MS } from './session-lifetime';

const login = new Date('2026-03-01T08:00:00Z');
const plus = (ms: number) => new Date(login.getTime() + ms);

describe('session lifetime', () => {
  it('ends a new session after 15 idle minutes', () => {
    expect(sessionExpiry(login, login)).toEqual(plus(SESSION_IDLE_MS));
    expect(SESSION_IDLE_MS).toBe(15 * 60_000);
  });

  it('never lets a session outlive 8 hours from login, however busy', () => {
    expect(sessionExpiry(login, plus(SESSION_MAX_MS - 60_000))).toEqual(plus(SESSION_MAX_MS));
    expect(SESSION_MAX_MS).toBe(8 * 3600_000);
  });

  it('slides the expiry forward on a request, at most once a minute', () => {
    const s = { createdAt: login, expiresAt: plus(SESSION_IDLE_MS) };
    expect(slidSessionExpiry(s, plus(30_000))).toBeNull();
    expect(slidSessionExpiry(s, plus(60_000))).toEqual(plus(60_000 + SESSION_IDLE_MS));
  });

  it('does not slide past the 8-hour limit', () => {
    const s = { createdAt: login, expiresAt: plus(SESSION_MAX_MS) };
    expect(slidSessionExpiry(s, plus(SESSION_MAX_MS - 5 * 60_000))).toBeNull();
  });
});
