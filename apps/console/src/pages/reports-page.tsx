import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { api, ApiProblem } from '../api';
import type { MessageKey } from '../i18n/catalog-en';
import { BarChart, type ChartBar } from '../reports/bar-chart';
import { bucketLabel, dayStart, figureLabel, nextDayStart, utcDay } from '../reports/figure-label';
import { ReportJobPanel } from '../reports/report-job-panel';
import { DIMENSIONS, type Dimension, type Statistics } from '../reports/statistics-types';
import { useSession } from '../session';
import '../reports/reports.css';

interface Filters {
  from: string;
  to: string;
  territory: string;
}

// The period report is answered within the request up to 31 days (apps/api reports.controller.ts).
const SYNC_DAYS = 31;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STATUS_SERIES = [
  { key: 'Actual', color: '#b3121d' },
  { key: 'Exercise', color: '#c98a00' },
  { key: 'Test', color: '#5b6675' },
];
const ONE_SERIES = [{ key: 'count', color: '#0b4f8a' }];

export function ReportsPage() {
  const { t, locale, user } = useSession();
  const today = utcDay(new Date());
  const initial: Filters = { from: utcDay(new Date(Date.now() - 29 * 86_400_000)), to: today, territory: user?.jurisdictionId ?? 'IT' };
  const [draft, setDraft] = useState<Filters>(initial);
  const [filters, setFilters] = useState<Filters>(initial);
  const [stats, setStats] = useState<Statistics | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [alertId, setAlertId] = useState('');
  const auditor = user?.roles.includes('auditor') ?? false;

  const from = dayStart(filters.from);
  const to = nextDayStart(filters.to);
  const days = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
  const period = new URLSearchParams({ from, to }).toString();

  useEffect(() => {
    setError(null);
    const q = new URLSearchParams({ from, to, territory: filters.territory.trim() });
    api<Statistics>(`/api/v1/reports/statistics?${q}`)
      .then(setStats)
      .catch((e) => {
        setStats(null);
        setError(t('reports.error', { message: e instanceof ApiProblem ? e.message : String(e) }));
      });
  }, [from, to, filters.territory, t]);

  const overTime: ChartBar[] = useMemo(
    () => (stats ? stats.overTime.map((b) => ({ label: bucketLabel(b.from, stats.bucket, locale), values: STATUS_SERIES.map((s) => b.byStatus[s.key] ?? 0), href: `/alerts?${b.query}` })) : []),
    [stats, locale],
  );
  const statusSeries = useMemo(() => STATUS_SERIES.map((s) => ({ name: t(`status.${s.key}` as MessageKey), color: s.color })), [t]);
  const oneSeries = useMemo(() => ONE_SERIES.map((s) => ({ name: t('reports.alerts'), color: s.color })), [t]);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    setFilters({ ...draft });
  };
  const set = (key: keyof Filters) => (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value });

  return (
    <main id="main" className="admin-page reports">
      <h1>{t('reports.title')}</h1>
      <form className="panel filters" onSubmit={apply} aria-labelledby="s-report-filters">
        <h2 id="s-report-filters">{t('reports.filters')}</h2>
        <div className="fields">
          <label>{t('reports.filter.from')}<input name="from" type="date" required value={draft.from} max={draft.to} onChange={set('from')} /></label>
          <label>{t('reports.filter.to')}<input name="to" type="date" required value={draft.to} min={draft.from} onChange={set('to')} /></label>
          <label>
            {t('reports.filter.territory')}
            <input name="territory" required value={draft.territory} onChange={set('territory')} list="report-territories" />
            <datalist id="report-territories">
              {[user?.jurisdictionId ?? 'IT', ...(stats?.by.territory.map((f) => f.key) ?? [])].map((id) => <option key={id} value={id} />)}
            </datalist>
          </label>
        </div>
        <p className="muted">{t('reports.filter.zone')}</p>
        <div className="actions"><button type="submit">{t('reports.filter.apply')}</button></div>
      </form>

      {error && <p className="error" role="alert" data-testid="reports-error">{error}</p>}
      {stats && (
        <>
          <section className="panel" aria-labelledby="s-over-time" data-testid="statistics" data-total={stats.total}>
            <h2 id="s-over-time">{t(`reports.overTime.${stats.bucket}` as MessageKey)}</h2>
            <p>
              <Link href={`/alerts?${stats.query}`} data-testid="total-link">{t('reports.total', { count: stats.total, territory: stats.territory.name })}</Link>
            </p>
            <BarChart bars={overTime} series={statusSeries} height={260} />
            <details>
              <summary>{t('reports.table')}</summary>
              <table className="data">
                <thead><tr><th scope="col">{t('reports.col.from')}</th><th scope="col">{t('reports.alerts')}</th></tr></thead>
                <tbody>
                  {stats.overTime.map((b) => (
                    <tr key={b.from}>
                      <th scope="row">{bucketLabel(b.from, stats.bucket, locale)}</th>
                      <td>{b.count > 0 ? <Link href={`/alerts?${b.query}`}>{b.count}</Link> : 0}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </section>
          <div className="grid report-grid">
            {DIMENSIONS.map((d) => (
              <FigurePanel key={d} dimension={d} stats={stats} series={oneSeries} />
            ))}
          </div>
        </>
      )}

      <section className="panel" aria-labelledby="s-downloads">
        <h2 id="s-downloads">{t('reports.downloads')}</h2>
        {!auditor ? (
          <p className="muted">{t('reports.auditorsOnly')}</p>
        ) : (
          <>
            <h3>{t('reports.period', { from: filters.from, to: filters.to })}</h3>
            <p className="muted">{t('reports.period.scope')}</p>
            {days <= SYNC_DAYS ? (
              <p className="actions" data-testid="period-downloads">
                {(['json', 'csv', 'pdf'] as const).map((f) => (
                  <a key={f} className="button-link" href={`/api/v1/reports/period?${period}&format=${f}`} download>{t('reports.download', { format: f.toUpperCase() })}</a>
                ))}
              </p>
            ) : (
              <p className="muted">{t('reports.period.long', { days: SYNC_DAYS })}</p>
            )}
            <h3>{t('reports.job.title')}</h3>
            <ReportJobPanel from={from} to={to} />
            <h3>{t('reports.alert.title')}</h3>
            <div className="fields">
              <label>{t('reports.alert.id')}<input name="alertId" value={alertId} onChange={(e) => setAlertId(e.target.value.trim())} placeholder="00000000-0000-0000-0000-000000000000" /></label>
            </div>
            {UUID.test(alertId) && (
              <p className="actions" data-testid="alert-downloads">
                {(['json', 'csv', 'pdf'] as const).map((f) => (
                  <a key={f} className="button-link" href={`/api/v1/reports/alerts/${alertId}?format=${f}`} download>{t('reports.download', { format: f.toUpperCase() })}</a>
                ))}
              </p>
            )}
          </>
        )}
      </section>
    </main>
  );
}

function FigurePanel({ dimension, stats, series }: { dimension: Dimension; stats: Statistics; series: Array<{ name: string; color: string }> }) {
  const { t } = useSession();
  const figures = stats.by[dimension];
  const bars = useMemo(() => figures.map((f) => ({ label: figureLabel(dimension, f, t), values: [f.count], href: `/alerts?${f.query}` })), [figures, dimension, t]);
  const id = `s-by-${dimension}`;
  return (
    <section className="panel" aria-labelledby={id} data-testid={`by-${dimension}`}>
      <h2 id={id}>{t(`reports.by.${dimension}` as MessageKey)}</h2>
      {figures.length === 0 ? (
        <p className="muted">{t('reports.none')}</p>
      ) : (
        <>
          <BarChart bars={bars} series={series} height={180} />
          <table className="data figures">
            <thead><tr><th scope="col">{t(`reports.by.${dimension}` as MessageKey)}</th><th scope="col">{t('reports.alerts')}</th></tr></thead>
            <tbody>
              {figures.map((f, i) => (
                <tr key={f.key} data-testid="figure" data-dimension={dimension} data-key={f.key} data-count={f.count}>
                  <th scope="row">{bars[i].label}{dimension === 'territory' && <span className="muted"> ({f.key})</span>}</th>
                  <td><Link href={`/alerts?${f.query}`} aria-label={t('reports.figureLink', { count: f.count, label: bars[i].label })}>{f.count}</Link></td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
