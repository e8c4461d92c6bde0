import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { AdminNav, MessageLine, type Message } from '../../components/admin-nav';
import { formatTime } from '../../format-time';
import type { MessageKey } from '../../i18n/catalog-en';
import { useSession } from '../../session';
import { problemText, useResource } from './use-resource';

interface SigningKeyRow {
  kid: string;
  status: 'active' | 'previous' | 'retired';
  createdAt: string;
  retiredAt: string | null;
}

interface Gateway {
  id: string;
  kind: 'satellite' | 'terrestrial';
  activeKid: string | null;
  previousKid: string | null;
  activeSince: string | null;
}

// Rotation of the broadcast signing key (published as the JWKS) and of each gateway's sealing key:
// the previous key stays valid beside the new one, the one before it is retired.
export function KeysPage() {
  const { t, locale } = useSession();
  const signing = useResource<{ keys: SigningKeyRow[] }>('/api/v1/keys/signing');
  const gateways = useResource<{ gateways: Gateway[] }>('/api/v1/keys/gateways');
  const [message, setMessage] = useState<Message>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setMessage(null);
    try {
      setMessage({ kind: 'ok', text: await work() });
    } catch (err) {
      setMessage({ kind: 'error', text: t('admin.error', { message: problemText(err) }) });
    } finally {
      setBusy(false);
      signing.reload();
      gateways.reload();
    }
  };
  const body = () => (reason.trim() ? { reason: reason.trim() } : {});
  const rotateSigning = (e: FormEvent) => {
    e.preventDefault();
    if (!window.confirm(t('keys.signingConfirm'))) return;
    void run(async () => {
      const r = await api<{ kid: string; previousKid: string | null }>('/api/v1/keys/signing/rotate', { method: 'POST', body: body() });
      return t('keys.signingRotated', { kid: r.kid, previous: r.previousKid ?? '—' });
    });
  };
  const rotateGateway = (g: Gateway) => {
    if (!window.confirm(t('keys.gatewayConfirm', { id: g.id }))) return;
    void run(async () => {
      const r = await api<{ kid: string }>(`/api/v1/keys/gateways/${encodeURIComponent(g.id)}/rotate`, { method: 'POST', body: body() });
      return t('keys.gatewayRotated', { id: g.id, kid: r.kid });
    });
  };

  return (
    <main id="main" className="admin-page">
      <AdminNav />
      <h1>{t('keys.title')}</h1>
      <MessageLine message={message} />
      <label className="reason">{t('keys.reason')}<input value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} /></label>
      <div className="grid">
        <section className="panel" aria-labelledby="s-signing">
          <h2 id="s-signing">{t('keys.signing')}</h2>
          {signing.error && <p className="error" role="alert">{t('admin.error', { message: signing.error })}</p>}
          <p className="muted">{t('keys.signingIntro')}</p>
          <ul className="plain" data-testid="signing-keys">
            {(signing.data?.keys ?? []).map((k) => (
              <li key={k.kid} data-kid={k.kid} data-status={k.status}>
                <code>{k.kid}</code> · <strong>{t(`keys.status.${k.status}` as MessageKey)}</strong> · <span className="muted">{t('keys.created', { time: formatTime(k.createdAt, locale) })}{k.retiredAt ? ` · ${t('keys.retiredAt', { time: formatTime(k.retiredAt, locale) })}` : ''}</span>
              </li>
            ))}
          </ul>
          <form onSubmit={rotateSigning}>
            <button type="submit" className="danger" disabled={busy} data-testid="rotate-signing">{t('keys.rotateSigning')}</button>
          </form>
        </section>
        <section className="panel" aria-labelledby="s-gateways-keys">
          <h2 id="s-gateways-keys">{t('keys.gateways')}</h2>
          {gateways.error && <p className="error" role="alert">{t('admin.error', { message: gateways.error })}</p>}
          <ul className="plain" data-testid="gateway-keys">
            {(gateways.data?.gateways ?? []).map((g) => (
              <li key={g.id}>
                <strong>{g.id}</strong> · {t(`gateway.kind.${g.kind}` as MessageKey)} · {t('keys.activeKid', { kid: g.activeKid ?? '—' })}
                {g.previousKid && <> · {t('keys.previousKid', { kid: g.previousKid })}</>}
                {g.activeSince && <span className="muted"> · {t('admin.since', { time: formatTime(g.activeSince, locale) })}</span>}{' '}
                <button type="button" className="secondary-dark small" disabled={busy} onClick={() => rotateGateway(g)} aria-label={t('keys.rotateGatewayOf', { id: g.id })}>{t('keys.rotateGateway')}</button>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </main>
  );
}
