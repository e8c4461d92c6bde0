import { useState, type FormEvent } from 'react';
import { api, ApiProblem } from '../api';
import { useSession } from '../session';

// Rejecting takes a reason, asked for in place: the drafter reads it in the audit trail.
export function RejectForm({ alertId, headline, onDone }: { alertId: string; headline: string; onDone: (m: { kind: 'ok' | 'error'; text: string }) => void }) {
  const { t } = useSession();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  if (!open) {
    return (
      <button type="button" className="secondary-dark" onClick={() => setOpen(true)} data-testid="reject">
        {t('approvals.reject')}
      </button>
    );
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await api(`/api/v1/alerts/${alertId}/reject`, { method: 'POST', body: { reason } });
      onDone({ kind: 'ok', text: t('approvals.rejected', { headline }) });
    } catch (err) {
      onDone({ kind: 'error', text: t('error.generic', { message: err instanceof ApiProblem ? err.message : String(err) }) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="reject-form" onSubmit={(e) => void submit(e)}>
      <label>
        {t('approvals.rejectReason')}
        <textarea name="reason" required maxLength={500} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
      </label>
      <div className="actions">
        <button type="submit" className="danger" disabled={busy || reason.trim().length === 0} data-testid="reject-submit">{t('approvals.rejectSubmit')}</button>
        <button type="button" className="secondary-dark" onClick={() => setOpen(false)}>{t('approvals.rejectKeep')}</button>
      </div>
    </form>
  );
}
