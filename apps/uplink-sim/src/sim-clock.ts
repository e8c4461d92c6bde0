// The simulated gateways' clock: real time shifted by an offset the control endpoint can move,
// so a test can make the gateways believe a broadcast's end has passed without waiting for it.
export class SimClock {
  constructor(private offsetMs = 0) {}

  readonly now = (): Date => new Date(Date.now() + this.offsetMs);

  get offset(): number {
    return this.offsetMs;
  }

  setOffset(offsetMs: number): void {
    this.offsetMs = offsetMs;
  }
}
