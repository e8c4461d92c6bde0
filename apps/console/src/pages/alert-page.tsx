import type { MessageKey } from '../i18n/catalog-en';
import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import { api, ApiProblem } from '../api';
import { canApprove, canSubmit, headlineOf, percentOnAir } from '../alert-rules';
import { AlertTimeline } from '../alert-detail/alert-timeline';
import { BroadcastPages } from '../alert-detail/broadcast-pages';
import { CancelPanel } from '../alert-detail/cancel-panel';
import { CellMap } from '../alert-detail/cell-map';
import { UpdatePanel } from '../alert-detail/update-panel';
import { DrillBanner, Progress, StateBadge, StatusBadge } from '../components/alert-bits';
import { LiveIndicator } from '../components/live-indicator';
import { ReleaseButton } from '../components/release-button';
import { AlertSatelliteReachFact } from '../components/satellite-reach';
import { formatTime } from '../format-time';
import { useLive } from '../live';
import { useSession } from '../session';

const CANCELLABLE = ['approved', 'broadcasting', 'active'];
const UPDATABLE = ['broadcasting', 'active'];

export function AlertPage({ id }: { id: string }) {
  const { t, locale, user } = useSession();
  const { status, alert } = useLive(id);
  const [, navigate] = useLocation();
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const act = async (action: 'submit' | 'release', done: MessageKey) => {
    setMessage(null);
    try {
      await api(`/api/v1/alerts/${id}/${action}`, { method: 'POST' });
      setMessage({ kind: 'ok', text: t(done) });
    } catch (e) {
      setMessage({ kind: 'error', text: t('error.generic', { message: e instanceof ApiProblem ? e.message : String(e) }) });
    }
  };

  const [panel, setPanel] = useState<'update' | 'cancel' | null>(null);

  if (!alert) {
    return (
      <main id="main">
        <LiveIndicator status={status} />
        <p><Link href="/">{t('detail.back')}</Link></p>
      </main>
    );
  }
  const routes = Object.entries(alert.delivery?.byRoute ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const canCancel = CANCELLABLE.includes(alert.state) && alert.msgType !== 'Cancel' && (user?.roles.includes('operator') || user?.roles.includes('approver'));
  // The live preview of an Update is the operator's (POST /api/v1/drafts/preview).
  const canUpdate = UPDATABLE.includes(alert.state) && alert.msgType !== 'Cancel' && user?.roles.includes('operator');
  const onAir = alert.delivery?.byStatus.broadcasting ?? 0;
  const failed = (alert.delivery?.byStatus.failed ?? 0) + (alert.delivery?.byStatus.rejected ?? 0);
  const percent = percentOnAir(onAir, alert.delivery?.total ?? 0);
  // What the timeline and the pages are fetched again on, and (coarser: a national alert's cells
  // are a few MB) the map's cell states.
  const revision = `${alert.state}:${percent}:${failed}`;
  const cellRevision = `${alert.state}:${percent === 100 ? 100 : Math.floor(percent / 25)}:${failed > 0}`;
  const routeLabel = (route: string) => {
    const r = alert.targeting?.routes[route];
    return r ? t('detail.routeOf', { route, kind: t(`draft.routeKind.${r.kind}` as MessageKey), gateway: r.gatewayId }) : `${t('detail.route')} ${route}`;
  };
  return (
    <main id="main">
      <DrillBanner alerts={[alert]} />
      <p><Link href="/">{t('detail.back')}</Link></p>
      <div className="page-head">
        <h1>
          {t('detail.title')}: {headlineOf(alert.languages, locale) || t(`hazard.${alert.hazard}` as MessageKey)}
        </h1>
        <LiveIndicator status={status} />
      </div>
      <div className={`alert-card ${alert.status === 'Actual' ? 'actual' : 'drill'}`}>
        <header>
          <StatusBadge status={alert.status} />
          <StateBadge state={alert.state} />
        </header>
        <dl className="facts">
          <div><dt>{t('alert.drafted')}</dt><dd>{formatTime(alert.createdAt, locale)}</dd></div>
          <div><dt>{t('alert.expires')}</dt><dd>{formatTime(alert.expires, locale)}</dd></div>
          {alert.targeting && <div><dt>{t('alert.cells')}</dt><dd>{t('alert.cellsValue', { total: alert.targeting.counts.total, terrestrial: alert.targeting.counts.terrestrial, satellite: alert.targeting.counts.satellite })}</dd></div>}
          <AlertSatelliteReachFact alertId={alert.id} revision={alert.state} />
        </dl>
        {alert.delivery && alert.delivery.total > 0 && (
          <section aria-labelledby="s-routes">
            <h2 id="s-routes">{t('detail.routes')}</h2>
            <Progress onAir={alert.delivery.byStatus.broadcasting ?? 0} total={alert.delivery.total} label={t('alert.progress')} />
            {routes.map(([route, counts]) => (
              <Progress key={route} onAir={counts.broadcasting ?? 0} total={Object.values(counts).reduce((s, n) => s + n, 0)} label={routeLabel(route)} />
            ))}
          </section>
        )}
        <section className="texts" aria-label={t('alert.texts')}>
          {alert.languages.map((l) => (
            <blockquote key={l.language} lang={l.language}>
              {l.headline && <strong>{l.headline}</strong>}
              <p>{l.text}</p>
            </blockquote>
          ))}
        </section>
        {message && <p className={message.kind === 'ok' ? 'notice' : 'error'} role={message.kind === 'ok' ? 'status' : 'alert'}>{message.text}</p>}
        <div className="actions">
          {user && canSubmit(user, alert) && (
            <button type="button" onClick={() => void act('submit', 'detail.submitted')} data-testid="submit">{t('detail.submit')}</button>
          )}
          {user && canApprove(user, alert) && (
            <ReleaseButton cells={alert.targeting?.counts.total ?? 0} isCancel={alert.msgType === 'Cancel'} busy={false} onRelease={() => void act('release', 'detail.released')} />
          )}
          {user?.roles.includes('operator') && alert.msgType === 'Alert' && (
            <button type="button" className="secondary-dark" onClick={() => navigate(`/alerts/new?from=${alert.id}`)} data-testid="copy-draft">{t('detail.copy')}</button>
          )}
          {canUpdate && (
            <button type="button" className="secondary-dark" aria-expanded={panel === 'update'} onClick={() => setPanel(panel === 'update' ? null : 'update')} data-testid="update">{t('detail.update')}</button>
          )}
          {canCancel && (
            <button type="button" className="danger" aria-expanded={panel === 'cancel'} onClick={() => setPanel(panel === 'cancel' ? null : 'cancel')} data-testid="cancel">
              {t('detail.cancel')}
            </button>
          )}
        </div>
      </div>
      {panel === 'update' && <UpdatePanel alertId={alert.id} onClose={() => setPanel(null)} />}
      {panel === 'cancel' && <CancelPanel alertId={alert.id} onClose={() => setPanel(null)} />}
      <div className="detail-grid">
        <section className="panel" aria-labelledby="s-timeline">
          <h2 id="s-timeline">{t('detail.timeline')}</h2>
          <AlertTimeline alertId={alert.id} revision={revision} />
        </section>
        <section className="panel" aria-labelledby="s-map">
          <h2 id="s-map">{t('detail.map')}</h2>
          <CellMap key={alert.id} alertId={alert.id} revision={cellRevision} />
        </section>
      </div>
      <section className="panel wide" aria-labelledby="s-pages">
        <h2 id="s-pages">{t('detail.pages')}</h2>
        <BroadcastPages alertId={alert.id} revision={`${alert.state}:${alert.delivery?.byStatus.broadcasting ? 'on-air' : 'none'}`} />
      </section>
    </main>
  );
}
