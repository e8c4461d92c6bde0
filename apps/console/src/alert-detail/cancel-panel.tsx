import { useEffect, useState } from 'react';
import { useLocation } from 'wouter';
import { api, ApiProblem } from '../api';
import { TargetingFigures, type DraftPreviewAnswer } from '../new-alert/draft-preview';
import { useSession } from '../session';

// Before a Cancel is drafted, what it will take off the air: the alert's own cells per route,
// area and population, the figures the New alert page shows before submit.
export function CancelPanel({ alertId, onClose }: { alertId: string; onClose: () => void }) {
  const { t } = useSession();
  const [, navigate] = useLocation();
  const [preview, setPreview] = useState<DraftPreviewAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const problem = (e: unknown) => t('error.generic', { message: e instanceof ApiProblem ? e.message : String(e) });

  useEffect(() => {
    api<DraftPreviewAnswer>(`/api/v1/alerts/${encodeURIComponent(alertId)}/preview`).then(setPreview, (e: unknown) => setError(problem(e)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [alertId]);

  const draft = async () => {
    setError(null);
    setBusy(true);
    try {
      const c = await api<{ id: string }>(`/api/v1/alerts/${encodeURIComponent(alertId)}/cancel`, { method: 'POST' });
      onClose();
      navigate(`/alerts/${c.id}`);
    } catch (e) {
      setError(problem(e));
      setBusy(false);
    }
  };

  return (
    <section className="panel wide cancel-panel" aria-labelledby="c-title" data-testid="cancel-panel">
      <h2 id="c-title">{t('detail.cancelPanel.title')}</h2>
      <p>{t('detail.cancelConfirm')}</p>
      {preview?.targeting && <TargetingFigures preview={preview} />}
      {error && <p className="error" role="alert">{error}</p>}
      <div className="actions">
        <button type="button" className="danger" onClick={() => void draft()} disabled={busy || !preview} data-testid="cancel-confirm">{t('detail.cancel')}</button>
        <button type="button" className="secondary-dark" onClick={onClose}>{t('detail.close')}</button>
      </div>
    </section>
  );
}
