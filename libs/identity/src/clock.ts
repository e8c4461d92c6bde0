// What time it is, as every use case asks it: a port, so that specs can set the time. The one
// declaration of it: libs/alerts and libs/audiences use this one.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
