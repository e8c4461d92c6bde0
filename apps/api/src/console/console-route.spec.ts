import { isConsoleRoute } from './console-route';

describe('isConsoleRoute', () => {
  it('answers the console page for client routes', () => {
    for (const p of ['/', '/login', '/approvals', '/alerts/0b9e2c1e-6f1b-4a4f-9c0a-1d2e3f4a5b6c']) expect([p, isConsoleRoute(p)]).toEqual([p, true]);
  });

  it('leaves the API, its docs, health and well-known paths to their own 404', () => {
    for (const p of ['/api', '/api/v1/nothing', '/docs', '/docs/x', '/health/nope', '/.well-known/other']) expect([p, isConsoleRoute(p)]).toEqual([p, false]);
  });

  it('leaves a path that looks like a missing file to a 404', () => {
    expect(isConsoleRoute('/assets/gone-1234.js')).toBe(false);
    expect(isConsoleRoute('/robots.txt')).toBe(false);
  });

  it('does not mistake a path that merely starts like an API prefix', () => {
    expect(isConsoleRoute('/apis-of-the-world')).toBe(true);
    expect(isConsoleRoute('/healthy')).toBe(true);
  });
});
