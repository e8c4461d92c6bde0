import { describeExit, stoppedCleanly } from './child-processes';

describe('describeExit', () => {
  it('names the exit code', () => {
    expect(describeExit({ name: 'api', code: 1, signal: null })).toBe('api exited with code 1');
  });

  it('names the signal that ended the process', () => {
    expect(describeExit({ name: 'worker', code: null, signal: 'SIGKILL' })).toBe('worker was ended by SIGKILL');
  });

  it('says so when the process never started', () => {
    expect(describeExit({ name: 'api', code: null, signal: null })).toBe('api could not be started');
  });
});

describe('stoppedCleanly', () => {
  it('accepts code 0, the signal sent, and 128 + its number', () => {
    expect(stoppedCleanly({ name: 'api', code: 0, signal: null }, 'SIGTERM')).toBe(true);
    expect(stoppedCleanly({ name: 'api', code: null, signal: 'SIGINT' }, 'SIGINT')).toBe(true);
    expect(stoppedCleanly({ name: 'api', code: 143, signal: null }, 'SIGTERM')).toBe(true);
  });

  it('refuses another code or a SIGKILL after the grace period', () => {
    expect(stoppedCleanly({ name: 'api', code: 1, signal: null }, 'SIGTERM')).toBe(false);
    expect(stoppedCleanly({ name: 'api', code: 130, signal: null }, 'SIGTERM')).toBe(false);
    expect(stoppedCleanly({ name: 'api', code: null, signal: 'SIGKILL' }, 'SIGTERM')).toBe(false);
  });
});
