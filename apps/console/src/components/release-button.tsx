import { useState } from 'react';
import { useSession } from '../session';

// Release is two deliberate clicks: the second names how many cells go on air.
export function ReleaseButton({ cells, busy, onRelease, isCancel = false }: { cells: number; busy: boolean; onRelease: () => void; isCancel?: boolean }) {
  const { t } = useSession();
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button type="button" className="approve" disabled={busy} onClick={() => setConfirming(true)} data-testid="approve">
        {t('approvals.approve')}
      </button>
    );
  }
  return (
    <>
      <button
        type="button"
        className="approve"
        disabled={busy}
        autoFocus
        data-testid="confirm-approve"
        onClick={() => {
          setConfirming(false);
          onRelease();
        }}
      >
        {t(isCancel ? 'approvals.confirmCancel' : 'approvals.confirm', { cells })}
      </button>
      <button type="button" className="secondary-dark" onClick={() => setConfirming(false)}>{t('approvals.confirmKeep')}</button>
    </>
  );
}
