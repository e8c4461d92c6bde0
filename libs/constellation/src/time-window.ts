import { ConstellationError } from './constellation-error';

export interface TimeWindow {
  start: Date;
  end: Date;
}

export function checkWindow(window: TimeWindow): void {
  const start = window.start.getTime();
  const end = window.end.getTime();
  if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) {
    throw new ConstellationError('constellation/bad-window', 'a time window needs a start no later than its end');
  }
}
