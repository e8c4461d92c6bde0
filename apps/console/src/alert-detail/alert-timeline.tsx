import { useEffect, useState } from 'react';
import { api } from '../api';
import { formatTime } from '../format-time';
import type { MessageKey } from '../i18n/catalog-en';
import { useSession } from '../session';

// GET /api/v1/alerts/{id}/timeline.
interface Timeline {
  deliveries: { total: number; transmitted: number };
  entries: Array<{ step: string; at: string; actor: { ref: string; name: string | null } | null; keyIds?: string[]; percent?: number; deliveries?: number; reason?: string }>;
}

// The alert's life from the audit trail, its signed messages and the transmission record,
// fetched again whenever `revision` (its state and delivery progress) changes.
export function AlertTimeline({ alertId, revision }: { alertId: string; revision: string }) {
  const { t, locale } = useSession();
  const [timeline, setTimeline] = useState<Timeline | null>(null);
  useEffect(() => {
    let current = true;
    api<Timeline>(`/api/v1/alerts/${encodeURIComponent(alertId)}/timeline`).then((x) => current && setTimeline(x), () => undefined);
    return () => {
      current = false;
    };
  }, [alertId, revision]);
  if (!timeline) return null;
  const who = (a: Timeline['entries'][number]['actor']) => {
    if (!a) return '';
    if (a.name) return a.name;
    if (a.ref.startsWith('sensor:')) return t('alert.sensor', { id: a.ref.slice(7) });
    if (a.ref.startsWith('system:')) return t('detail.actor.system');
    return a.ref;
  };
  const fmt = new Intl.NumberFormat(locale === 'it' ? 'it-IT' : 'en-GB');
  return (
    <ol className="timeline" data-testid="timeline">
      {timeline.entries.map((e, i) => (
        <li key={i} data-step={e.step} data-percent={e.percent}>
          <time dateTime={e.at}>{formatTime(e.at, locale)}</time>{' '}
          <span>
            {t(`detail.step.${e.step}` as MessageKey, {
              who: who(e.actor),
              keys: (e.keyIds ?? []).join(', '),
              percent: e.percent ?? 0,
              deliveries: fmt.format(e.deliveries ?? 0),
            })}
            {e.step === 'rejected' && e.reason ? ` (${e.reason})` : ''}
          </span>
        </li>
      ))}
    </ol>
  );
}
