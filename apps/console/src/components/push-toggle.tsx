import { useEffect, useState } from 'react';
import { api, ApiProblem } from '../api';
import { useSession } from '../session';

// Browser notifications for operators and approvers (web push, apps/console/public/sw.js): on
// registers the service worker, subscribes with Faro's VAPID key and stores the subscription;
// off deletes it. Where the browser has no Push API (headless Chromium, some private windows)
// it says so instead of offering a button that cannot work.

type PushState = { kind: 'checking' | 'unsupported' | 'denied' | 'off' | 'busy' } | { kind: 'on'; id: string } | { kind: 'failed'; message: string; was: 'on' | 'off'; id?: string };

function pushSupported(): boolean {
  return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

async function currentSubscription(): Promise<PushSubscription | null> {
  const reg = await navigator.serviceWorker.getRegistration('/');
  return (await reg?.pushManager.getSubscription()) ?? null;
}

function applicationServerKey(base64url: string): Uint8Array<ArrayBuffer> {
  const raw = atob(base64url.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (base64url.length % 4)) % 4));
  const out = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

async function storedId(sub: PushSubscription | null): Promise<string | null> {
  if (!sub) return null;
  const { items } = await api<{ items: Array<{ id: string; endpoint: string }> }>('/api/v1/push/subscriptions');
  return items.find((s) => s.endpoint === sub.endpoint)?.id ?? null;
}

export function PushToggle() {
  const { t } = useSession();
  const [state, setState] = useState<PushState>({ kind: 'checking' });

  useEffect(() => {
    if (!pushSupported()) return setState({ kind: 'unsupported' });
    if (Notification.permission === 'denied') return setState({ kind: 'denied' });
    currentSubscription()
      .then(storedId)
      .then((id) => setState(id ? { kind: 'on', id } : { kind: 'off' }), () => setState({ kind: 'off' }));
  }, []);

  const fail = (e: unknown, was: 'on' | 'off', id?: string) => setState({ kind: 'failed', message: e instanceof ApiProblem || e instanceof Error ? e.message : String(e), was, id });

  const turnOn = async () => {
    setState({ kind: 'busy' });
    try {
      if ((await Notification.requestPermission()) !== 'granted') return setState({ kind: 'denied' });
      await navigator.serviceWorker.register('/sw.js', { scope: '/' });
      const reg = await navigator.serviceWorker.ready;
      const { publicKey } = await api<{ publicKey: string }>('/api/v1/push/vapid-public-key');
      const sub = (await reg.pushManager.getSubscription()) ?? (await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: applicationServerKey(publicKey) }));
      const saved = await api<{ id: string }>('/api/v1/push/subscriptions', { method: 'POST', body: sub.toJSON() });
      setState({ kind: 'on', id: saved.id });
    } catch (e) {
      fail(e, 'off');
    }
  };

  const turnOff = async (id: string) => {
    setState({ kind: 'busy' });
    try {
      await api(`/api/v1/push/subscriptions/${id}`, { method: 'DELETE' });
      await (await currentSubscription())?.unsubscribe();
      setState({ kind: 'off' });
    } catch (e) {
      fail(e, 'on', id);
    }
  };

  const on = state.kind === 'on' || (state.kind === 'failed' && state.was === 'on');
  const id = state.kind === 'on' ? state.id : state.kind === 'failed' ? state.id : undefined;
  return (
    <div className="push" data-testid="push" data-state={state.kind}>
      {state.kind === 'unsupported' && <span>{t('push.unsupported')}</span>}
      {state.kind === 'denied' && <span>{t('push.denied')}</span>}
      {state.kind === 'busy' && <span>{t('push.busy')}</span>}
      {(state.kind === 'on' || state.kind === 'off' || state.kind === 'failed') && (
        <>
          <span className="push-state">{on ? t('push.stateOn') : t('push.stateOff')}</span>
          <button type="button" className="secondary" aria-pressed={on} onClick={() => void (on && id ? turnOff(id) : turnOn())} data-testid="push-toggle">
            {on ? t('push.on') : t('push.off')}
          </button>
        </>
      )}
      {state.kind === 'failed' && <span role="alert" className="push-failed">{t('push.failed', { message: state.message })}</span>}
    </div>
  );
}
