import { formatTime } from '../format-time';
import type { LiveStatus } from '../live';
import { useSession } from '../session';

export function LiveIndicator({ status, at }: { status: LiveStatus; at?: string }) {
  const { t, locale } = useSession();
  const text = status === 'live' ? t('live.connected') : status === 'lost' ? t('live.lost') : t('live.connecting');
  return (
    <p className={`live live-${status}`} role="status" data-testid="live-status" data-status={status}>
      <span className="dot" aria-hidden="true" /> {text}
      {at && status === 'live' && <span className="muted"> · {t('live.updatedAt', { time: formatTime(at, locale) })}</span>}
    </p>
  );
}
