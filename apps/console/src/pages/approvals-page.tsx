import type { MessageKey } from '../i18n/catalog-en';
import { useState } from 'react';
import { api, ApiProblem } from '../api';
import { canApprove, canReject, headlineOf } from '../alert-rules';
import { RejectForm } from '../components/reject-form';
import { ReleaseButton } from '../components/release-button';
import { AlertCard } from '../components/alert-card';
import { DrillBanner } from '../components/alert-bits';
import { LiveIndicator } from '../components/live-indicator';
import { useLive } from '../live';
import { useSession } from '../session';

export function ApprovalsPage() {
  const { t, user, locale } = useSession();
  const { status, dashboard } = useLive();
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  // Sensor-drafted alerts first: a machine found something and waits for a human.
  const pending = (dashboard?.alerts ?? [])
    .filter((a) => a.state === 'pending_approval')
    .sort((a, b) => Number(b.drafter.ref.startsWith('sensor:')) - Number(a.drafter.ref.startsWith('sensor:')));

  const approve = async (id: string, headline: string) => {
    setBusy(id);
    setMessage(null);
    try {
      await api(`/api/v1/alerts/${id}/release`, { method: 'POST' });
      setMessage({ kind: 'ok', text: t('approvals.released', { headline }) });
    } catch (e) {
      setMessage({ kind: 'error', text: t('approvals.error', { message: e instanceof ApiProblem ? e.message : String(e) }) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <main id="main">
      <DrillBanner alerts={pending} />
      <div className="page-head">
        <h1>{t('approvals.title')}</h1>
        <LiveIndicator status={status} at={dashboard?.at} />
      </div>
      {message && <p className={message.kind === 'ok' ? 'notice' : 'error'} role={message.kind === 'ok' ? 'status' : 'alert'} data-testid="approval-message">{message.text}</p>}
      {dashboard && pending.length === 0 && <p className="muted">{t('approvals.none')}</p>}
      {pending.map((a) => {
        const headline = headlineOf(a.languages, locale) || t(`hazard.${a.hazard}` as MessageKey);
        return (
          <AlertCard key={a.id} alert={a} showTexts>
            <div className="actions">
              {user && canApprove(user, a) ? (
                <ReleaseButton cells={a.cells?.total ?? 0} isCancel={a.msgType === 'Cancel'} busy={busy === a.id} onRelease={() => void approve(a.id, headline)} />
              ) : (
                <p className="muted" data-testid="no-approve">{user?.roles.includes('approver') ? t('approvals.ownAlert') : t('approvals.notApprover')}</p>
              )}
              {user && canReject(user, a) && <RejectForm alertId={a.id} headline={headline} onDone={setMessage} />}
            </div>
          </AlertCard>
        );
      })}
    </main>
  );
}
