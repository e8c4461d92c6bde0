import { useEffect, useState } from 'react';
import { api } from './api';
import type { AlertSummary, AlertView, Dashboard } from './live-types';

// The dashboard (and one alert) as the API streams them (GET /api/v1/events): no polling,
// EventSource reconnects by itself when the stream ends or the network blips.

export type LiveStatus = 'connecting' | 'live' | 'lost';

export function useLive(alertId?: string): { status: LiveStatus; dashboard: Dashboard | null; alert: AlertView | null } {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [dashboard, setDashboard] = useState<Dashboard | null>(null);
  const [alert, setAlert] = useState<AlertView | null>(null);
  useEffect(() => {
    // Another alert's page: never show the previous one's figures while the new stream opens.
    setAlert(null);
    const source = new EventSource(alertId ? `/api/v1/events?alert=${encodeURIComponent(alertId)}` : '/api/v1/events');
    source.onopen = () => setStatus('live');
    // An error may be the session's end (EventSource cannot read the 401): ask who we are; a 401
    // there takes the console to the sign-in page with "session expired".
    source.onerror = () => {
      setStatus('lost');
      void api('/api/v1/auth/me').catch(() => undefined);
    };
    source.addEventListener('dashboard', (e) => {
      setStatus('live');
      setDashboard(JSON.parse((e as MessageEvent).data));
    });
    source.addEventListener('alert', (e) => setAlert(JSON.parse((e as MessageEvent).data)));
    source.addEventListener('unavailable', () => setStatus('lost'));
    source.addEventListener('session-ended', () => void api('/api/v1/auth/me').catch(() => undefined));
    return () => source.close();
  }, [alertId]);
  return { status, dashboard, alert };
}

export type { AlertSummary, AlertView, Dashboard };
