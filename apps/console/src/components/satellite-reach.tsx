import { useEffect, useState } from 'react';
import { api } from '../api';
import type { MessageKey } from '../i18n/catalog-en';
import { useSession } from '../session';

// The API's SatelliteReach: the satellite cells no satellite serves before the alert's expiry.
export interface SatelliteReach {
  satelliteCells: number;
  deadline: string;
  source: 'planned' | 'assessed';
  unservedCount: number;
  byReason: Record<string, number>;
  unserved: Array<{ cellId: string; reason: string }>;
}

const REASONS = ['no-satellite-in-view', 'no-gateway-in-view', 'beam-capacity'] as const;

// One row of a <dl>: how many satellite cells go unserved before expiry, and why. Shown only
// where the alert targets satellite cells.
export function SatelliteReachFact({ reach }: { reach: SatelliteReach | null | undefined }) {
  const { t, locale } = useSession();
  if (!reach || reach.satelliteCells === 0) return null;
  const n = (v: number) => new Intl.NumberFormat(locale === 'it' ? 'it-IT' : 'en-GB').format(v);
  const reasons = REASONS.filter((r) => (reach.byReason[r] ?? 0) > 0).map((r) => t(`satellite.reason.${r}` as MessageKey, { count: n(reach.byReason[r]) }));
  return (
    <div>
      <dt>{t('satellite.unserved')}</dt>
      <dd data-testid="satellite-unserved" data-unserved={reach.unservedCount}>
        {reach.unservedCount === 0
          ? t('satellite.allServed', { cells: n(reach.satelliteCells) })
          : t('satellite.someUnserved', { unserved: n(reach.unservedCount), cells: n(reach.satelliteCells), reasons: reasons.join('; ') })}
      </dd>
    </div>
  );
}

// The alert detail's row: GET /api/v1/alerts/{id}/satellite-reach (the plan stored at release,
// else assessed), fetched again when `revision` (the alert's state) changes.
export function AlertSatelliteReachFact({ alertId, revision }: { alertId: string; revision: string }) {
  const [reach, setReach] = useState<SatelliteReach | null>(null);
  useEffect(() => {
    let current = true;
    api<SatelliteReach | null>(`/api/v1/alerts/${encodeURIComponent(alertId)}/satellite-reach`).then((x) => current && setReach(x), () => undefined);
    return () => {
      current = false;
    };
  }, [alertId, revision]);
  return <SatelliteReachFact reach={reach} />;
}
