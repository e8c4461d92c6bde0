import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { AdminNav, MessageLine, type Message } from '../../components/admin-nav';
import { SecretOnce } from '../../components/secret-once';
import { formatTime } from '../../format-time';
import type { MessageKey } from '../../i18n/catalog-en';
import { useSession } from '../../session';
import { problemText, useResource } from './use-resource';

const SCOPES = ['read', 'write', 'release', 'admin'] as const;

interface TokenRow {
  id: string;
  name: string;
  scopes: string[];
  secondFactor: 'none' | 'totp';
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

// The signed-in person's own API tokens: a token acts as its maker, so nobody mints one for another.
export function TokensPage() {
  const { t, locale } = useSession();
  const { data, error, reload } = useResource<{ items: TokenRow[] }>('/api/v1/tokens');
  const [message, setMessage] = useState<Message>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [form, setForm] = useState({ name: '', days: '90', scopes: ['read', 'write'] as string[] });
  const time = (iso: string | null) => (iso ? formatTime(iso, locale) : '—');

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    try {
      const r = await api<TokenRow & { token: string }>('/api/v1/tokens', { method: 'POST', body: { name: form.name.trim(), expiresInDays: Number(form.days), scopes: form.scopes } });
      setSecret(r.token);
      setForm({ ...form, name: '' });
      setMessage({ kind: 'ok', text: t('tokens.created', { name: r.name }) });
      reload();
    } catch (err) {
      setMessage({ kind: 'error', text: t('admin.error', { message: problemText(err) }) });
    }
  };
  const revoke = async (tok: TokenRow) => {
    if (!window.confirm(t('tokens.revokeConfirm', { name: tok.name }))) return;
    try {
      await api(`/api/v1/tokens/${tok.id}`, { method: 'DELETE' });
      setMessage({ kind: 'ok', text: t('tokens.revoked', { name: tok.name }) });
      reload();
    } catch (err) {
      setMessage({ kind: 'error', text: t('admin.error', { message: problemText(err) }) });
    }
  };

  return (
    <main id="main" className="admin-page">
      <AdminNav />
      <h1>{t('tokens.title')}</h1>
      <p className="muted">{t('tokens.intro')}</p>
      <MessageLine message={message} />
      {secret && <SecretOnce label={t('tokens.secret')} value={secret} onDismiss={() => setSecret(null)} />}
      <form className="panel" onSubmit={(e) => void create(e)} aria-labelledby="s-new-token">
        <h2 id="s-new-token">{t('tokens.new')}</h2>
        <div className="fields">
          <label>{t('tokens.name')}<input name="name" required maxLength={100} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} /></label>
          <label>{t('tokens.days')}<input name="days" type="number" min={1} max={365} required value={form.days} onChange={(e) => setForm({ ...form, days: e.target.value })} /></label>
        </div>
        <fieldset className="checks">
          <legend>{t('tokens.scopes')}</legend>
          {SCOPES.map((s) => (
            <label key={s} className="check">
              <input type="checkbox" checked={form.scopes.includes(s)} onChange={(e) => setForm({ ...form, scopes: e.target.checked ? [...form.scopes, s] : form.scopes.filter((x) => x !== s) })} />
              {t(`tokens.scope.${s}` as MessageKey)}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={form.scopes.length === 0}>{t('tokens.create')}</button>
      </form>
      {error && <p className="error" role="alert">{t('admin.error', { message: error })}</p>}
      <section aria-labelledby="s-tokens">
        <h2 id="s-tokens">{t('tokens.list')}</h2>
        {data && data.items.length === 0 && <p className="muted">{t('tokens.none')}</p>}
        {data && data.items.length > 0 && (
          <div className="table-wrap">
            <table className="data" data-testid="tokens">
              <thead>
                <tr><th scope="col">{t('tokens.name')}</th><th scope="col">{t('tokens.scopes')}</th><th scope="col">{t('tokens.createdAt')}</th><th scope="col">{t('tokens.expiresAt')}</th><th scope="col">{t('tokens.lastUsed')}</th><th scope="col">{t('admin.actions')}</th></tr>
              </thead>
              <tbody>
                {data.items.map((tok) => (
                  <tr key={tok.id} className={tok.revokedAt ? 'disabled-row' : undefined} data-testid="token-row">
                    <td>{tok.name}</td>
                    <td>{tok.scopes.join(', ')}{tok.secondFactor === 'totp' ? ` · ${t('tokens.totp')}` : ''}</td>
                    <td>{time(tok.createdAt)}</td>
                    <td>{time(tok.expiresAt)}</td>
                    <td>{time(tok.lastUsedAt)}</td>
                    <td>{tok.revokedAt ? t('tokens.revokedAt', { time: time(tok.revokedAt) }) : <button type="button" className="danger small" onClick={() => void revoke(tok)}>{t('tokens.revoke')}</button>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </main>
  );
}
