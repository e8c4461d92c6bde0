import type { Alert, AlertState } from '@faro/alerts';
import type { DeliveryProgress, SqlAlertStore, SqlAlertViews, SqlConsoleViews } from '@faro/persistence';
import { alertClassification } from '../alerts/alert-view';

// What the dashboard shows, for one principal's territory. Built afresh on every tick of the
// event stream; the stream sends it only when it differs from the last one sent.

const SHOWN_STATES: AlertState[] = ['pending_approval', 'approved', 'broadcasting', 'active', 'cancelling', 'killing'];
const RELEASED: AlertState[] = ['approved', 'broadcasting', 'active', 'cancelling', 'killing'];
const PER_STATE = 50;
const INCIDENTS = 10;

export interface DashboardPorts {
  store: SqlAlertStore;
  views: SqlAlertViews;
  console: SqlConsoleViews;
}

export async function dashboardSnapshot(ports: DashboardPorts, jurisdictionId: string) {
  const lists = await Promise.all(SHOWN_STATES.map((state) => ports.store.listAlerts({ visibleTo: jurisdictionId, state, limit: PER_STATE, offset: 0 })));
  const alerts = lists.flatMap((l) => l.items).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const names = new Map((await ports.console.actorNames([...new Set(alerts.map((a) => a.draftedBy))])).map((n) => [n.ref, n.name]));
  const summaries = await Promise.all(
    alerts.map(async (a) => summaryOf(a, names.get(a.draftedBy) ?? null, RELEASED.includes(a.state) ? await ports.views.deliveryProgress(a.id) : null)),
  );
  const [incidents, gateways, queue] = await Promise.all([ports.console.recentSensorIncidents(jurisdictionId, INCIDENTS), ports.console.gateways(), ports.console.queueDepth()]);
  return { alerts: summaries, incidents, gateways, queue };
}

function summaryOf(a: Alert, drafterName: string | null, progress: DeliveryProgress | null) {
  return {
    id: a.id,
    ...alertClassification(a),
    languages: a.languages,
    drafter: { ref: a.draftedBy, name: drafterName },
    references: a.referencesAlertId,
    createdAt: a.createdAt.toISOString(),
    expires: a.expiresAt.toISOString(),
    cells: a.targeting?.counts ?? null,
    delivery: progress ? deliveryOf(progress) : null,
  };
}

// "On air" is a delivery the gateway acknowledged (status broadcasting).
export function deliveryOf(p: DeliveryProgress) {
  const byRoute: Record<string, { total: number; onAir: number }> = {};
  for (const [route, counts] of Object.entries(p.byRoute)) {
    byRoute[route] = { total: Object.values(counts).reduce((s, n) => s + n, 0), onAir: counts.broadcasting ?? 0 };
  }
  return { total: p.total, onAir: p.byStatus.broadcasting ?? 0, failed: (p.byStatus.failed ?? 0) + (p.byStatus.rejected ?? 0), byRoute };
}
