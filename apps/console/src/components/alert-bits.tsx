import { isDrill, percentOnAir } from '../alert-rules';
import type { MessageKey } from '../i18n/catalog-en';
import { useSession } from '../session';

export function StatusBadge({ status }: { status: 'Actual' | 'Exercise' | 'Test' }) {
  const { t } = useSession();
  return <span className={`badge status-${status.toLowerCase()}`} data-testid="status-badge">{t(`status.${status}` as MessageKey)}</span>;
}

export function StateBadge({ state }: { state: string }) {
  const { t } = useSession();
  return <span className={`badge state state-${state}`}>{t(`state.${state}` as MessageKey)}</span>;
}

// Whenever a test or exercise alert is on screen: a banner nobody can miss, on every page.
export function DrillBanner({ alerts }: { alerts: Array<{ status: 'Actual' | 'Exercise' | 'Test' }> }) {
  const { t } = useSession();
  const count = alerts.filter(isDrill).length;
  if (count === 0) return null;
  return <div className="drill-banner" role="alert" data-testid="drill-banner">{t('banner.drill', { count })}</div>;
}

export function Progress({ onAir, total, label }: { onAir: number; total: number; label: string }) {
  const { t } = useSession();
  const percent = percentOnAir(onAir, total);
  return (
    <div className="progress-row">
      <span className="progress-label">{label}</span>
      <progress max={100} value={percent} aria-label={label} />
      <span className="progress-value" data-testid="progress-value" data-percent={percent}>{t('alert.progressValue', { percent, total })}</span>
    </div>
  );
}
