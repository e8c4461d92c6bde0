import { useEffect, useState } from 'react';
import { useLocation } from 'wouter';
import { api, ApiProblem } from '../api';
import type { MessageKey } from '../i18n/catalog-en';
import { AreaPicker } from '../new-alert/area-picker';
import { CERTAINTIES, draftFromAlert, incidentBody, SEVERITIES, URGENCIES, type DraftContent } from '../new-alert/draft-body';
import { PhonePreview, TargetingFigures } from '../new-alert/draft-preview';
import { loadMapLayers, type MapLayers } from '../new-alert/map-layers';
import { useDraftPreview } from '../new-alert/use-draft-preview';
import { useSession } from '../session';

const EXPIRY_HOURS = [1, 2, 3, 6, 12, 24];

// An Update of an alert on air: its content as the form's start, edited with the same live
// preview as the New alert page (cells per route, overshoot, population, and per language the
// alphabet, pages and the phone), then drafted (POST /api/v1/alerts/{id}/update).
export function UpdatePanel({ alertId, onClose }: { alertId: string; onClose: () => void }) {
  const { t } = useSession();
  const [, navigate] = useLocation();
  const [content, setContent] = useState<DraftContent | null>(null);
  const [layers, setLayers] = useState<MapLayers | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const problem = (e: unknown) => t('error.generic', { message: e instanceof ApiProblem ? e.message : String(e) });

  useEffect(() => {
    api<Parameters<typeof draftFromAlert>[0]>(`/api/v1/alerts/${encodeURIComponent(alertId)}`).then((a) => setContent({ ...draftFromAlert(a), expiresInHours: 3 }), (e: unknown) => setError(problem(e)));
    loadMapLayers().then(setLayers, () => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [alertId]);

  const empty: DraftContent = { hazard: 'other', status: 'Test', severity: 'Unknown', urgency: 'Unknown', certainty: 'Unknown', expiresInHours: 3, areas: [], texts: [] };
  const preview = useDraftPreview(content ?? empty);
  if (!content) return error ? <p className="error" role="alert">{error}</p> : null;
  const change = (patch: Partial<DraftContent>) => setContent((c) => (c ? { ...c, ...patch } : c));
  const messages = new Map((preview.answer?.messages ?? []).map((m) => [m.language, m]));

  const submit = async () => {
    setError(null);
    setBusy(true);
    try {
      const created = await api<{ id: string }>(`/api/v1/alerts/${encodeURIComponent(alertId)}/update`, { method: 'POST', body: incidentBody(content, new Date()) });
      onClose();
      navigate(`/alerts/${created.id}`);
    } catch (e) {
      setError(problem(e));
      setBusy(false);
    }
  };

  return (
    <section className="panel wide" aria-labelledby="u-title" data-testid="update-panel">
      <h2 id="u-title">{t('detail.update.title')}</h2>
      <p className="muted">{t('detail.update.hint')}</p>
      <div className="fields">
        <label>{t('draft.severity')}
          <select value={content.severity} onChange={(e) => change({ severity: e.target.value as DraftContent['severity'] })}>
            {SEVERITIES.map((v) => <option key={v} value={v}>{t(`severity.${v}` as MessageKey)}</option>)}
          </select>
        </label>
        <label>{t('draft.urgency')}
          <select value={content.urgency} onChange={(e) => change({ urgency: e.target.value as DraftContent['urgency'] })}>
            {URGENCIES.map((v) => <option key={v} value={v}>{t(`urgency.${v}` as MessageKey)}</option>)}
          </select>
        </label>
        <label>{t('draft.certainty')}
          <select value={content.certainty} onChange={(e) => change({ certainty: e.target.value as DraftContent['certainty'] })}>
            {CERTAINTIES.map((v) => <option key={v} value={v}>{t(`certainty.${v}` as MessageKey)}</option>)}
          </select>
        </label>
        <label>{t('draft.expires')}
          <select value={content.expiresInHours} onChange={(e) => change({ expiresInHours: Number(e.target.value) })}>
            {EXPIRY_HOURS.map((h) => <option key={h} value={h}>{t('draft.expiresIn', { hours: h })}</option>)}
          </select>
        </label>
      </div>
      <h3>{t('draft.area')}</h3>
      <ul className="plain area-list" data-testid="update-areas">
        {content.areas.map((a, i) => (
          <li key={i}>
            {a.kind === 'polygon' ? t('draft.area.polygon', { points: a.ring.length }) : a.kind === 'circle' ? t('draft.area.circle', { km: a.radiusKm.toFixed(1) }) : `${t(`draft.scheme.${a.scheme}` as MessageKey)}: ${a.name}`}{' '}
            <button type="button" className="secondary-dark small" onClick={() => change({ areas: content.areas.filter((_, j) => j !== i) })}>{t('draft.removeArea')}</button>
          </li>
        ))}
      </ul>
      {layers && <AreaPicker layers={layers} onPick={(a) => change({ areas: [...content.areas, a] })} />}
      <div aria-live="polite">
        {content.areas.length === 0 && <p className="muted">{t('draft.previewNeedsArea')}</p>}
        {preview.busy && <p className="muted" data-testid="preview-busy">{t('draft.previewBusy')}</p>}
        {preview.refusal && <p className="error" role="alert" data-testid="preview-refusal">{t('draft.refused', { message: preview.refusal })}</p>}
        {preview.answer && !preview.busy && <TargetingFigures preview={preview.answer} />}
      </div>
      <h3>{t('draft.texts')}</h3>
      {content.texts.map((x, i) => {
        const edit = (patch: Partial<{ headline: string; text: string }>) => change({ texts: content.texts.map((y, j) => (j === i ? { ...y, ...patch } : y)) });
        const language = t(`draft.language.${x.language}` as MessageKey);
        return (
          <div className="language-text" key={x.language} data-testid={`update-text-${x.language}`}>
            <div className="fields">
              <label>{t('draft.headline', { language })}
                <input value={x.headline} maxLength={160} onChange={(e) => edit({ headline: e.target.value })} lang={x.language} />
              </label>
              <label>{t('draft.text', { language })}
                <textarea value={x.text} rows={4} maxLength={2000} onChange={(e) => edit({ text: e.target.value })} lang={x.language} />
              </label>
            </div>
            <PhonePreview language={x.language} text={x.text} status={content.status} message={preview.busy ? undefined : messages.get(x.language)} />
          </div>
        );
      })}
      {error && <p className="error" role="alert">{error}</p>}
      <div className="actions">
        <button type="button" onClick={() => void submit()} disabled={busy || preview.busy || !preview.answer} data-testid="update-submit">{t('detail.update.submit')}</button>
        <button type="button" className="secondary-dark" onClick={onClose}>{t('detail.close')}</button>
      </div>
    </section>
  );
}
