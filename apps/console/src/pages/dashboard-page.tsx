import { Link } from 'wouter';
import { AlertCard } from '../components/alert-card';
import { DrillBanner } from '../components/alert-bits';
import { LiveIndicator } from '../components/live-indicator';
import { RouteDownBanner } from '../components/route-banner';
import { formatTime } from '../format-time';
import type { MessageKey } from '../i18n/catalog-en';
import { useLive } from '../live';
import { useSession } from '../session';

export function DashboardPage() {
  const { t, locale } = useSession();
  const { status, dashboard } = useLive();
  const alerts = dashboard?.alerts ?? [];
  const pending = alerts.filter((a) => a.state === 'pending_approval');
  const onAir = alerts.filter((a) => a.state !== 'pending_approval');
  return (
    <main id="main">
      <DrillBanner alerts={alerts} />
      <RouteDownBanner gateways={dashboard?.gateways ?? []} />
      <div className="page-head">
        <h1>{t('dashboard.title')}</h1>
        <LiveIndicator status={status} at={dashboard?.at} />
      </div>
      <div className="grid">
        <section aria-labelledby="s-active" className="panel wide">
          <h2 id="s-active">{t('dashboard.active')}</h2>
          {onAir.length === 0 ? <p className="muted">{t('dashboard.none')}</p> : onAir.map((a) => <AlertCard key={a.id} alert={a} />)}
        </section>
        <section aria-labelledby="s-pending" className="panel wide">
          <h2 id="s-pending">{t('dashboard.pending')}</h2>
          {pending.length === 0 ? <p className="muted">{t('dashboard.none')}</p> : pending.map((a) => <AlertCard key={a.id} alert={a} />)}
        </section>
        <section aria-labelledby="s-incidents" className="panel">
          <h2 id="s-incidents">{t('dashboard.incidents')}</h2>
          {!dashboard || dashboard.incidents.length === 0 ? (
            <p className="muted">{t('dashboard.none')}</p>
          ) : (
            <ul className="plain">
              {dashboard.incidents.map((i) => (
                <li key={i.id}>
                  <strong>{i.sensorName ?? i.sensorId}</strong> · {t(`hazard.${i.hazard}` as MessageKey)} · {t('incident.received', { time: formatTime(i.receivedAt, locale) })}
                  {i.alertId && <> · <Link href={`/alerts/${i.alertId}`}>{t('alert.open')}</Link></>}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="s-gateways" className="panel">
          <h2 id="s-gateways">{t('dashboard.gateways')}</h2>
          <ul className="plain" data-testid="gateways">
            {(dashboard?.gateways ?? []).map((g) => {
              const state = g.route.state === 'down' ? 'unreachable' : g.failedLastHour > 0 ? 'failing' : g.lastTransmittedAt ? 'ok' : 'idle';
              return (
                <li key={g.id} className={`gateway gateway-${state}`}>
                  <strong>{g.id}</strong> · {t(`gateway.kind.${g.kind}` as MessageKey)} · <span className="gw-state">{t(`gateway.state.${state}` as MessageKey)}</span>
                  {g.lastTransmittedAt && <span className="muted"> · {t('gateway.last', { time: formatTime(g.lastTransmittedAt, locale) })}</span>}
                </li>
              );
            })}
          </ul>
        </section>
        <section aria-labelledby="s-queue" className="panel">
          <h2 id="s-queue">{t('dashboard.queue')}</h2>
          {dashboard && (
            <dl className="facts" data-testid="queue">
              <div><dt>{t('dashboard.queue.outbox')}</dt><dd>{dashboard.queue.outboxOpen}</dd></div>
              <div><dt>{t('dashboard.queue.batches')}</dt><dd>{dashboard.queue.pendingBatches}</dd></div>
              <div><dt>{t('dashboard.queue.failed')}</dt><dd>{dashboard.queue.failedBatchesLastHour}</dd></div>
            </dl>
          )}
        </section>
      </div>
    </main>
  );
}
