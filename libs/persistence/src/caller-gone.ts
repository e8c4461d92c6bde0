import { AsyncLocalStorage } from 'node:async_hooks';

// A transaction begun for a caller that has since gone (an HTTP request whose client left, or
// that its deadline already answered 503) is rolled back instead of committed: nobody would
// learn it happened, and the client's retry would do it a second time. The caller's signal
// travels with its async context; work with no caller (the worker, the CLI) always commits.
const callers = new AsyncLocalStorage<AbortSignal>();

export function runForCaller<T>(signal: AbortSignal, work: () => T): T {
  return callers.run(signal, work);
}

export function callerGone(): boolean {
  return callers.getStore()?.aborted ?? false;
}

export class CallerGoneError extends Error {
  readonly code = 'persistence/caller-gone';
  constructor() {
    super('The request was abandoned before its transaction committed; nothing was written');
    this.name = 'CallerGoneError';
  }
}
