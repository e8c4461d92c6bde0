import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { api, ApiProblem } from '../api';
import { formatTime, romeLocalToIso } from '../format-time';
import type { MessageKey } from '../i18n/catalog-en';
import { useSession } from '../session';

interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  details: unknown;
  hash: string;
}

interface AuditActor {
  ref: string;
  kind: string;
  name: string;
  roles: string[];
  jurisdictionId: string | null;
}

interface AuditPage {
  items: AuditEntry[];
  actors: Record<string, AuditActor>;
  next: number | null;
}

interface Verification {
  intact: boolean;
  entries: number;
  headHash: string;
  firstBad?: { seq: number; reason: string };
  checkpoints: { verified: number; latest: { seq: number; keyId: string; createdAt: string } | null };
}

interface Filters {
  actor: string;
  action: string;
  alert: string;
  from: string;
  to: string;
  refused: boolean;
}

const NO_FILTERS: Filters = { actor: '', action: '', alert: '', from: '', to: '', refused: false };

// Actions an auditor most often looks for; the field takes any action name.
const COMMON_ACTIONS = ['alert.drafted', 'alert.pending_approval', 'alert.approved', 'alert.released', 'alert.cancelled', 'auth.refused', 'auth.login', 'auth.login-failed', 'user.created', 'user.changed', 'user.totp-provisioned', 'sensor.created', 'sensor.secret-rotated', 'key.signing-rotated', 'key.gateway-rotated'];

// A refused action (a role, a scope, a territory, a webhook signature) is a security event.
export const isRefused = (action: string) => action.endsWith('refused');

function queryOf(f: Filters, after: number | null): string | null {
  const q = new URLSearchParams({ order: 'desc', limit: '50' });
  if (f.actor.trim()) q.set('actor', f.actor.trim());
  if (f.action.trim()) q.set('action', f.action.trim());
  if (f.alert.trim()) q.set('subjectId', f.alert.trim());
  if (f.refused) q.set('refused', 'true');
  for (const key of ['from', 'to'] as const) {
    if (!f[key]) continue;
    const iso = romeLocalToIso(f[key]);
    if (!iso) return null;
    q.set(key, iso);
  }
  if (after !== null) q.set('after', String(after));
  return `/api/v1/audit?${q}`;
}

export function AuditPage() {
  const { t, locale } = useSession();
  const [verification, setVerification] = useState<Verification | null>(null);
  const [verifyError, setVerifyError] = useState<string | null>(null);
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [page, setPage] = useState<AuditPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const verify = useCallback(() => {
    setVerifyError(null);
    api<Verification>('/api/v1/audit/verify')
      .then(setVerification)
      .catch((e) => setVerifyError(e instanceof ApiProblem ? e.message : String(e)));
  }, []);
  useEffect(verify, [verify]);

  const load = useCallback(
    async (f: Filters, after: number | null) => {
      const path = queryOf(f, after);
      if (!path) return;
      setBusy(true);
      setError(null);
      try {
        const got = await api<AuditPage>(path);
        setPage((was) => (after === null || !was ? got : { items: [...was.items, ...got.items], actors: { ...was.actors, ...got.actors }, next: got.next }));
      } catch (e) {
        setError(t('audit.error', { message: e instanceof ApiProblem ? e.message : String(e) }));
      } finally {
        setBusy(false);
      }
    },
    [t],
  );
  useEffect(() => {
    void load(filters, null);
  }, [filters, load]);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    setFilters({ ...draft });
  };
  const byActor = (actor: string) => {
    const f = { ...draft, actor };
    setDraft(f);
    setFilters(f);
  };
  const set = (key: keyof Filters) => (e: { target: { value: string; checked?: boolean } }) => setDraft({ ...draft, [key]: key === 'refused' ? Boolean(e.target.checked) : e.target.value });

  return (
    <main id="main" className="admin-page audit">
      <h1>{t('audit.title')}</h1>
      <section className="panel" aria-labelledby="s-chain">
        <h2 id="s-chain">{t('audit.chain')}</h2>
        {verifyError && <p className="error" role="alert">{t('audit.error', { message: verifyError })}</p>}
        {verification && (
          <div data-testid="chain" data-intact={String(verification.intact)}>
            <p className={verification.intact ? 'chain-ok' : 'chain-bad'}>
              {verification.intact ? t('audit.intact', { entries: verification.entries }) : t('audit.broken', { seq: verification.firstBad?.seq ?? '?', reason: verification.firstBad?.reason ?? '' })}
            </p>
            <dl className="facts">
              <div><dt>{t('audit.headHash')}</dt><dd><code className="hash">{verification.headHash}</code></dd></div>
              <div><dt>{t('audit.checkpoints')}</dt><dd>{t('audit.checkpointsVerified', { count: verification.checkpoints.verified })}</dd></div>
              {verification.checkpoints.latest && (
                <div><dt>{t('audit.latestCheckpoint')}</dt><dd>{t('audit.checkpointAt', { seq: verification.checkpoints.latest.seq, time: formatTime(verification.checkpoints.latest.createdAt, locale), kid: verification.checkpoints.latest.keyId })}</dd></div>
              )}
            </dl>
          </div>
        )}
        <button type="button" className="secondary-dark" onClick={verify}>{t('audit.verifyAgain')}</button>
      </section>

      <form className="panel filters" onSubmit={apply} aria-labelledby="s-filters">
        <h2 id="s-filters">{t('audit.filters')}</h2>
        <div className="fields">
          <label>{t('audit.filter.actor')}<input name="actor" value={draft.actor} onChange={set('actor')} placeholder="user:…" /></label>
          <label>
            {t('audit.filter.action')}
            <input name="action" value={draft.action} onChange={set('action')} list="audit-actions" />
            <datalist id="audit-actions">{COMMON_ACTIONS.map((a) => <option key={a} value={a} />)}</datalist>
          </label>
          <label>{t('audit.filter.alert')}<input name="alert" value={draft.alert} onChange={set('alert')} /></label>
          <label>{t('audit.filter.from')}<input name="from" type="datetime-local" value={draft.from} onChange={set('from')} /></label>
          <label>{t('audit.filter.to')}<input name="to" type="datetime-local" value={draft.to} onChange={set('to')} /></label>
          <label className="check"><input name="refused" type="checkbox" checked={draft.refused} onChange={set('refused')} />{t('audit.filter.refused')}</label>
        </div>
        <p className="muted">{t('audit.filter.zone')}</p>
        <div className="actions">
          <button type="submit" disabled={busy}>{t('audit.filter.apply')}</button>
          <button type="button" className="secondary-dark" onClick={() => { setDraft(NO_FILTERS); setFilters(NO_FILTERS); }}>{t('audit.filter.clear')}</button>
        </div>
      </form>

      {error && <p className="error" role="alert" data-testid="audit-error">{error}</p>}
      <section aria-labelledby="s-entries">
        <h2 id="s-entries">{t('audit.entries')}</h2>
        {page && page.items.length === 0 && <p className="muted" data-testid="audit-empty">{t('audit.none')}</p>}
        {page && page.items.length > 0 && (
          <div className="table-wrap">
            <table className="data" data-testid="audit-entries">
              <thead>
                <tr><th scope="col">{t('audit.col.seq')}</th><th scope="col">{t('audit.col.time')}</th><th scope="col">{t('audit.col.actor')}</th><th scope="col">{t('audit.col.action')}</th><th scope="col">{t('audit.col.subject')}</th><th scope="col">{t('audit.col.details')}</th></tr>
              </thead>
              <tbody>
                {page.items.map((e) => {
                  const who = page.actors[e.actor];
                  const refused = isRefused(e.action);
                  return (
                    <tr key={e.seq} className={refused ? 'refused' : undefined} data-testid="audit-entry" data-action={e.action} data-refused={String(refused)}>
                      <td>{e.seq}</td>
                      <td>{formatTime(e.at, locale)}</td>
                      <td>
                        <button type="button" className="link" onClick={() => byActor(e.actor)} title={t('audit.byActor')}>{who ? who.name : e.actor}</button>
                        {who && who.roles.length > 0 && <span className="muted"> · {who.roles.map((r) => t(`role.${r}` as MessageKey)).join(', ')}{who.jurisdictionId ? ` · ${who.jurisdictionId}` : ''}</span>}
                      </td>
                      <td>
                        {refused && <span className="badge refused-badge">{t('audit.refused')}</span>} <code>{e.action}</code>
                      </td>
                      <td>
                        {e.subjectType === 'alert' ? <Link href={`/alerts/${e.subjectId}`}>{t('audit.subject.alert', { id: e.subjectId.slice(0, 8) })}</Link> : <span>{e.subjectType} <code>{e.subjectId.slice(0, 12)}</code></span>}
                      </td>
                      <td>
                        <details>
                          <summary>{t('audit.show')}</summary>
                          <pre>{JSON.stringify(e.details, null, 1)}</pre>
                          <p className="muted">{t('audit.hash')} <code className="hash">{e.hash}</code></p>
                        </details>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {page?.next != null && (
          <button type="button" className="secondary-dark" disabled={busy} onClick={() => void load(filters, page.next)}>{t('audit.older')}</button>
        )}
      </section>
    </main>
  );
}
