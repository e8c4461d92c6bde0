import { callerGone, runForCaller } from './caller-gone';

describe('callerGone', () => {
  it('is false outside any caller, as in the worker and the CLI', () => {
    expect(callerGone()).toBe(false);
  });

  it('follows the signal of the caller whose async context the code runs in', async () => {
    const gone = new AbortController();
    const waiting = new AbortController();
    gone.abort();
    const seen = await Promise.all([
      runForCaller(gone.signal, async () => {
        await new Promise((r) => setTimeout(r, 5));
        return callerGone();
      }),
      runForCaller(waiting.signal, async () => {
        await new Promise((r) => setTimeout(r, 5));
        return callerGone();
      }),
    ]);
    expect(seen).toEqual([true, false]);
  });
});
