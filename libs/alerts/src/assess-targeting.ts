import { TargetingError } from '@faro/targeting';
import { JurisdictionError } from '@faro/jurisdictions';
import type { TargetingSummary, TargetingWarning } from './alert';
import { AlertError } from './alert-error';
import type { AlertArea } from './incident-draft';

// An area counts as partly uncovered past both of these: below them the gap is the H3 sampling's
// own error along the coast or the area's edge.
const UNCOVERED_WARN = { km2: 0.05, share: 0.01 };

function pointerOf(areas: AlertArea[], i: number): string {
  return areas[i]?.pointer ?? `/areas/${i}`;
}

function named(areas: AlertArea[], i: number): string {
  const d = areas[i]?.description;
  return d ? `area ${i + 1} (${d})` : `area ${i + 1}`;
}

/**
 * Runs targeting work over the alert's areas; an error about one area (TargetingError or
 * JurisdictionError with an areaIndex) is thrown again with the pointer to that area, so no
 * targeting error reaches the caller without the element at fault.
 */
export async function withAreaPointers<T>(areas: AlertArea[], work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof TargetingError && e.areaIndex !== undefined && !e.pointer) {
      throw new TargetingError(e.code, e.message, e.areaIndex, pointerOf(areas, e.areaIndex));
    }
    if (e instanceof JurisdictionError && e.areaIndex !== undefined && !e.pointer) {
      throw new JurisdictionError(e.code, e.message, e.areaIndex, pointerOf(areas, e.areaIndex));
    }
    throw e;
  }
}

/** Refuses an alert with an area that reaches no cell (alert/area-reaches-no-cell, naming the first). */
export function assertAreasReachCells(areas: AlertArea[], summary: TargetingSummary): void {
  const i = (summary.areas ?? []).findIndex((a) => !a.reachesCells);
  if (i < 0) return;
  throw new AlertError(
    'alert/area-reaches-no-cell',
    `${named(areas, i)} reaches no cell: no terrestrial or satellite cell covers any of it, so nobody there would be alerted`,
    pointerOf(areas, i),
  );
}

/**
 * The summary with each area's pointer and the warnings for the drafter: an area partly covered by
 * no cell, and a broadcast that covers more than overshootWarnFactor times the requested area.
 */
export function withTargetingWarnings(areas: AlertArea[], summary: TargetingSummary): TargetingSummary {
  const warnings: TargetingWarning[] = [];
  const perArea = (summary.areas ?? []).map((a, i) => ({ ...a, pointer: pointerOf(areas, i) }));
  perArea.forEach((a, i) => {
    if (a.uncoveredKm2 > UNCOVERED_WARN.km2 && a.uncoveredKm2 > UNCOVERED_WARN.share * a.requestedKm2) {
      const share = a.requestedKm2 > 0 ? Math.round((100 * a.uncoveredKm2) / a.requestedKm2) : 100;
      warnings.push({
        code: 'targeting/area-partly-uncovered',
        message: `${named(areas, i)}: ${km2(a.uncoveredKm2)} of ${km2(a.requestedKm2)} (${share}%) is covered by no cell; nobody there will be alerted`,
        pointer: a.pointer,
      });
    }
  });
  const factor = summary.requestedAreaKm2 > 0 ? summary.coveredAreaKm2 / summary.requestedAreaKm2 : 0;
  const limit = summary.overshootWarnFactor;
  if (limit !== undefined && factor > limit) {
    const routes = Object.entries(summary.routes)
      .filter(([, r]) => (r.overshootKm2 ?? 0) > 0)
      .sort((a, b) => (b[1].overshootKm2 ?? 0) - (a[1].overshootKm2 ?? 0))
      .slice(0, 3)
      .map(([id, r]) => `${id} (${r.kind}, ${km2(r.overshootKm2 ?? 0)})`);
    const geofenced = summary.geofencedOvershootKm2;
    warnings.push({
      code: 'targeting/overshoot',
      message:
        `the broadcast covers ${km2(summary.coveredAreaKm2)} for ${km2(summary.requestedAreaKm2)} requested ` +
        `(×${factor.toFixed(1)}, above the ×${limit} of OVERSHOOT_WARN_FACTOR): ${km2(summary.overshootKm2)} beyond the area` +
        (routes.length > 0 ? `, most from ${routes.join(', ')}` : '') +
        (geofenced !== undefined ? `; phones that apply the geofence alert ${km2(geofenced)} beyond it` : ''),
    });
  }
  // The worker refuses (per cell) to send through a CBC that would reach beyond the alert: the
  // drafter is told before release which operators' networks will carry nothing.
  for (const [id, r] of Object.entries(summary.routes).sort(([a], [b]) => a.localeCompare(b))) {
    if (r.networkCells === undefined || r.cells >= r.networkCells) continue;
    warnings.push({
      code: 'targeting/terrestrial-network-wide',
      message:
        `${id}: ${r.gatewayId} broadcasts to all its ${count(r.networkCells)} cells (it takes no cell list) and the alert targets ${count(r.cells)} of them, ` +
        `so nothing will be sent on that network; phones there are reached only by the satellite beams over them`,
    });
  }
  return { ...summary, areas: perArea, warnings };
}

function count(n: number): string {
  return n.toLocaleString('en-GB');
}

function km2(x: number): string {
  return `${x.toLocaleString('en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 })} km²`;
}

/** What a draft keeps of its targeting: refused when an area reaches no cell, else with its warnings. */
export function assessTargeting(areas: AlertArea[], summary: TargetingSummary): TargetingSummary {
  assertAreasReachCells(areas, summary);
  return withTargetingWarnings(areas, summary);
}
