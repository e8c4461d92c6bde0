// The simulated gateways' clock: real time shifted by an offset and run at a rate, both of which
// the control endpoint can change while it runs. A test makes the gateways believe a broadcast's
// end has passed without waiting for it (the offset), or lets an hour on air go by in seconds
// (the rate): what the gateways stamp on receipts and judge expiry by follows, deterministically
// from the real clock. Latency and capacity stay real: they are the network's and the radio's.
export class SimClock {
  private anchorReal: number;
  private anchorSim: number;
  private speed: number;

  constructor(offsetMs = 0, rate = 1, private readonly real: () => number = Date.now) {
    assertRate(rate);
    this.anchorReal = real();
    this.anchorSim = this.anchorReal + offsetMs;
    this.speed = rate;
  }

  readonly now = (): Date => new Date(this.at(this.real()));

  // How far the simulated clock is ahead of the real one now.
  get offset(): number {
    const real = this.real();
    return this.at(real) - real;
  }

  get rate(): number {
    return this.speed;
  }

  setOffset(offsetMs: number): void {
    this.anchorReal = this.real();
    this.anchorSim = this.anchorReal + offsetMs;
  }

  // From now on, `rate` simulated milliseconds per real one; the simulated time does not jump.
  setRate(rate: number): void {
    assertRate(rate);
    const real = this.real();
    this.anchorSim = this.at(real);
    this.anchorReal = real;
    this.speed = rate;
  }

  private at(real: number): number {
    return this.anchorSim + (real - this.anchorReal) * this.speed;
  }
}

export const MAX_CLOCK_RATE = 100_000;

function assertRate(rate: number): void {
  if (!(Number.isFinite(rate) && rate > 0 && rate <= MAX_CLOCK_RATE)) throw new RangeError(`a clock rate must be in (0, ${MAX_CLOCK_RATE}]`);
}
