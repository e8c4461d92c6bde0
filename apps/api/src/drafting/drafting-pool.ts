import { resolve } from 'node:path';
import { Piscina } from 'piscina';
import { AlertError, type AlertErrorCode, type IncidentDraft, type JurisdictionGuard, type SatelliteReach, type SatelliteReachAssessor, type Targeter, type TargetingSummary } from '@faro/alerts';
import { CapError, type CapErrorCode } from '@faro/cap';
import { SensorError, type SensorErrorCode } from '@faro/sensors';
import { type AreaSpec, TargetingError, type TargetingErrorCode } from '@faro/targeting';
import { JurisdictionError, type JurisdictionErrorCode } from '@faro/jurisdictions';
import type { CapIncident, CodedErrorData, DraftingReply, DraftingTask, DraftingThreadOptions } from './drafting-task';

/**
 * The work of a draft that grows with its size, run in a pool of worker threads (piscina) so that
 * a heavy draft never holds the event loop: a polygon of 30,000 points once kept /health silent
 * for 18 s. It is the Targeter and JurisdictionGuard of the API's use cases and reads incidents
 * (JSON and CAP). Each thread holds its own inventory index, so the pool stays small
 * (DRAFTING_THREADS, default 1: ~450 MB RSS each, measured); tasks beyond it wait in the pool's queue.
 */
export class DraftingPool implements Targeter, JurisdictionGuard, SatelliteReachAssessor {
  private readonly pool: Piscina<DraftingTask, DraftingReply>;

  constructor(threads: number, options: DraftingThreadOptions) {
    this.pool = new Piscina({
      filename: resolve(__dirname, 'drafting-thread.js'),
      workerData: options,
      minThreads: threads,
      maxThreads: threads,
      // The threads keep a PostgreSQL connection for the inventory's version checks: their event
      // loop must run between tasks, which Atomics.wait would stop.
      atomics: 'disabled',
      // A heavy draft yields the CPU to the event loop (and the worker) rather than compete with
      // it: on Linux nice(2) applies to the calling thread only (piscina uses @napi-rs/nice).
      niceIncrement: 10,
    });
  }

  /** parseIncidentJson, in a thread: the schema walks every position of every polygon. */
  async readJson(body: unknown, now: Date, defaultSender: string): Promise<IncidentDraft> {
    return (await this.run({ kind: 'read-json', body, now, defaultSender })).draft!;
  }

  /** parseCapAlert and incidentFromCap over the bytes as received, in a thread. */
  async readCap(bytes: Uint8Array, now: Date, opts: { magnitude?: boolean } = {}): Promise<CapIncident> {
    return (await this.run({ kind: 'read-cap', bytes, now, magnitude: opts.magnitude === true })).cap!;
  }

  async assertWithin(areas: AreaSpec[], jurisdictionId: string): Promise<void> {
    await this.run({ kind: 'assert-within', areas, jurisdictionId });
  }

  async summarize(areas: AreaSpec[]): Promise<TargetingSummary> {
    return (await this.run({ kind: 'summarize', areas })).summary!;
  }

  async assess(areas: AreaSpec[], expires: Date): Promise<SatelliteReach> {
    return (await this.run({ kind: 'satellite-reach', areas, expires })).reach!;
  }

  /** Resolves once a thread has loaded the inventory and answered. */
  async ready(): Promise<void> {
    await this.run({ kind: 'assert-within', areas: [], jurisdictionId: 'IT' });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.destroy();
  }

  private async run(task: DraftingTask): Promise<Extract<DraftingReply, { ok: true }>> {
    const reply = await this.pool.run(task);
    if (!reply.ok) throw errorOf(reply.error);
    return reply;
  }
}

// The libs' typed errors again, so the problem table and withAreaPointers see them as thrown.
function errorOf(e: CodedErrorData): Error {
  switch (e.name) {
    case 'TargetingError':
      return new TargetingError(e.code as TargetingErrorCode, e.message, e.areaIndex, e.pointer);
    case 'JurisdictionError':
      return new JurisdictionError(e.code as JurisdictionErrorCode, e.message, e.areaIndex, e.pointer);
    case 'CapError':
      return new CapError(e.code as CapErrorCode, e.message, e.pointer ?? '');
    case 'AlertError':
      return new AlertError(e.code as AlertErrorCode, e.message, e.pointer);
    case 'SensorError':
      return new SensorError(e.code as SensorErrorCode, e.message, e.pointer);
    default:
      return Object.assign(new Error(e.message), { name: e.name });
  }
}
