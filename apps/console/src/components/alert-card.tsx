import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { headlineOf, isDrill } from '../alert-rules';
import { formatTime } from '../format-time';
import type { AlertSummary } from '../live-types';
import type { MessageKey } from '../i18n/catalog-en';
import { useSession } from '../session';
import { Progress, StateBadge, StatusBadge } from './alert-bits';

export function drafterLabel(a: AlertSummary, myId: string | undefined, t: (k: MessageKey, args?: Record<string, string>) => string): string {
  if (a.drafter.ref === `user:${myId}`) return `${a.drafter.name ?? ''} (${t('alert.you')})`;
  if (a.drafter.ref.startsWith('sensor:')) return a.drafter.name ?? t('alert.sensor', { id: a.drafter.ref.slice(7) });
  return a.drafter.name ?? a.drafter.ref;
}

export function AlertCard({ alert: a, children, showTexts = false }: { alert: AlertSummary; children?: ReactNode; showTexts?: boolean }) {
  const { t, locale, user } = useSession();
  return (
    <article className={`alert-card ${isDrill(a) ? 'drill' : 'actual'}`} data-testid="alert-card" data-alert-id={a.id} aria-labelledby={`h-${a.id}`}>
      <header>
        <StatusBadge status={a.status} />
        <StateBadge state={a.state} />
        <h3 id={`h-${a.id}`}>
          <Link href={`/alerts/${a.id}`}>{headlineOf(a.languages, locale) || t(`hazard.${a.hazard}` as MessageKey)}</Link>
        </h3>
      </header>
      <dl className="facts">
        <div><dt>{t('alert.hazard')}</dt><dd>{t(`hazard.${a.hazard}` as MessageKey)} · {t(`alert.type.${a.msgType}` as MessageKey)}</dd></div>
        <div><dt>{t('alert.severity')}</dt><dd>{t(`severity.${a.severity}` as MessageKey)} · {t(`urgency.${a.urgency}` as MessageKey)} · {t(`certainty.${a.certainty}` as MessageKey)}</dd></div>
        <div><dt>{t('alert.drafter')}</dt><dd data-testid="drafter">{drafterLabel(a, user?.id, t)}</dd></div>
        <div><dt>{t('alert.drafted')}</dt><dd>{formatTime(a.createdAt, locale)}</dd></div>
        <div><dt>{t('alert.expires')}</dt><dd>{formatTime(a.expires, locale)}</dd></div>
        {a.cells && <div><dt>{t('alert.cells')}</dt><dd data-testid="cells">{t('alert.cellsValue', { total: String(a.cells.total), terrestrial: String(a.cells.terrestrial), satellite: String(a.cells.satellite) })}</dd></div>}
      </dl>
      {showTexts && (
        <section className="texts" aria-label={t('alert.texts')}>
          {a.languages.map((l) => (
            <blockquote key={l.language} lang={l.language}>
              {l.headline && <strong>{l.headline}</strong>}
              <p>{l.text}</p>
            </blockquote>
          ))}
        </section>
      )}
      {a.delivery && <Progress onAir={a.delivery.onAir} total={a.delivery.total} label={t('alert.progress')} />}
      {children}
    </article>
  );
}
