import { useEffect, useState } from 'react';
import { Link, useSearch } from 'wouter';
import { api, ApiProblem } from '../api';
import { formatTime } from '../format-time';
import { en, type MessageKey } from '../i18n/catalog-en';
import type { AlertView } from '../live-types';
import { figureLabel } from '../reports/figure-label';
import type { Dimension } from '../reports/statistics-types';
import { useSession } from '../session';
import '../reports/reports.css';

interface AlertListPage {
  items: AlertView[];
  total: number;
  limit: number;
  offset: number;
}

// The filters the alert listing takes (apps/api alert.schemas.ts alertListQuery); a report's
// figure links here with its own. Anything else in the address is left out.
const FILTERS = ['from', 'to', 'territory', 'jurisdiction', 'hazard', 'status', 'severity', 'urgency', 'certainty', 'msgType', 'state'] as const;
const LABELLED: Partial<Record<(typeof FILTERS)[number], Dimension>> = { hazard: 'hazard', status: 'status', severity: 'severity', urgency: 'urgency', certainty: 'certainty', msgType: 'msgType' };
const PAGE = 50;

export function AlertListPage() {
  const { t, locale } = useSession();
  const search = useSearch();
  const [page, setPage] = useState<AlertListPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const given = new URLSearchParams(search);
  const filters = FILTERS.filter((k) => given.get(k)).map((k) => [k, given.get(k)!] as const);
  const query = new URLSearchParams(filters.map(([k, v]) => [k, v])).toString();

  const load = async (offset: number) => {
    setBusy(true);
    setError(null);
    try {
      const got = await api<AlertListPage>(`/api/v1/alerts?${query}${query ? '&' : ''}limit=${PAGE}&offset=${offset}`);
      setPage((was) => (offset === 0 || !was ? got : { ...got, items: [...was.items, ...got.items] }));
    } catch (e) {
      setError(t('alerts.error', { message: e instanceof ApiProblem ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    void load(0);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query]);

  const shown = (k: (typeof FILTERS)[number], v: string) => {
    if (k === 'from' || k === 'to') return formatTime(v, locale);
    const d = LABELLED[k];
    return d ? figureLabel(d, { key: v }, t) : v;
  };

  return (
    <main id="main" className="admin-page alert-list">
      <h1>{t('alerts.title')}</h1>
      {filters.length > 0 && (
        <dl className="facts" data-testid="alert-filters">
          {filters.map(([k, v]) => (
            <div key={k}><dt>{t(`alerts.filter.${k}` as MessageKey)}</dt><dd>{shown(k, v)}</dd></div>
          ))}
        </dl>
      )}
      {error && <p className="error" role="alert">{error}</p>}
      {page && (
        <section aria-labelledby="s-alert-list">
          <h2 id="s-alert-list" data-testid="alert-total" data-total={page.total}>{t('alerts.count', { count: page.total })}</h2>
          {page.items.length > 0 && (
            <div className="table-wrap">
              <table className="data" data-testid="alert-list">
                <thead>
                  <tr>
                    <th scope="col">{t('alerts.col.created')}</th>
                    <th scope="col">{t('alerts.col.headline')}</th>
                    <th scope="col">{t('alerts.col.hazard')}</th>
                    <th scope="col">{t('alerts.col.status')}</th>
                    <th scope="col">{t('alerts.col.severity')}</th>
                    <th scope="col">{t('alerts.col.type')}</th>
                    <th scope="col">{t('alerts.col.state')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((a) => (
                    <tr key={a.id} data-testid="alert-row" data-id={a.id}>
                      <td>{formatTime(a.createdAt, locale)}</td>
                      <td><Link href={`/alerts/${a.id}`}>{a.languages[0]?.headline ?? a.languages[0]?.text.slice(0, 80) ?? a.id}</Link></td>
                      <td>{figureLabel('hazard', { key: a.hazard }, t)}</td>
                      <td>{figureLabel('status', { key: a.status }, t)}</td>
                      <td>{figureLabel('severity', { key: a.severity }, t)}</td>
                      <td>{figureLabel('msgType', { key: a.msgType }, t)}</td>
                      <td>{`state.${a.state}` in en ? t(`state.${a.state}` as MessageKey) : a.state}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {page.items.length < page.total && (
            <button type="button" className="secondary-dark" disabled={busy} onClick={() => void load(page.items.length)}>{t('alerts.more')}</button>
          )}
        </section>
      )}
      <p><Link href="/reports">{t('alerts.backToReports')}</Link></p>
    </main>
  );
}
