import { useState, type FormEvent } from 'react';
import { api, type User } from '../../api';
import { AdminNav, MessageLine, type Message } from '../../components/admin-nav';
import { SecretOnce } from '../../components/secret-once';
import { formatTime } from '../../format-time';
import type { MessageKey } from '../../i18n/catalog-en';
import { useSession } from '../../session';
import { problemText, useResource } from './use-resource';

const ROLES = ['operator', 'approver', 'auditor', 'admin'] as const;

interface UserRow extends User {
  disabled: boolean;
  createdAt: string;
}

function RoleChecks({ value, onChange, name }: { value: string[]; onChange: (roles: string[]) => void; name: string }) {
  const { t } = useSession();
  return (
    <fieldset className="checks">
      <legend>{t('users.roles')}</legend>
      {ROLES.map((r) => (
        <label key={r} className="check">
          <input type="checkbox" name={name} value={r} checked={value.includes(r)} onChange={(e) => onChange(e.target.checked ? [...value, r] : value.filter((x) => x !== r))} />
          {t(`role.${r}` as MessageKey)}
        </label>
      ))}
    </fieldset>
  );
}

function EditUser({ user, onDone }: { user: UserRow; onDone: (m: Message) => void }) {
  const { t } = useSession();
  const [roles, setRoles] = useState<string[]>(user.roles);
  const [territory, setTerritory] = useState(user.jurisdictionId);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await api(`/api/v1/users/${user.id}`, { method: 'PATCH', body: { roles, jurisdictionId: territory.trim() } });
      onDone({ kind: 'ok', text: t('users.saved', { name: user.displayName }) });
    } catch (err) {
      onDone({ kind: 'error', text: t('admin.error', { message: problemText(err) }) });
    }
  };
  return (
    <form className="inline-form" onSubmit={(e) => void save(e)} aria-label={t('users.editOf', { name: user.displayName })}>
      <RoleChecks value={roles} onChange={setRoles} name={`roles-${user.id}`} />
      <label>{t('users.territory')}<input value={territory} onChange={(e) => setTerritory(e.target.value)} required maxLength={64} /></label>
      <div className="actions">
        <button type="submit" disabled={roles.length === 0}>{t('admin.save')}</button>
        <button type="button" className="secondary-dark" onClick={() => onDone(null)}>{t('admin.cancel')}</button>
      </div>
    </form>
  );
}

export function UsersPage() {
  const { t, locale, user: me } = useSession();
  const { data, error, reload } = useResource<{ items: UserRow[] }>('/api/v1/users');
  const [message, setMessage] = useState<Message>(null);
  const [secret, setSecret] = useState<{ label: string; value: string; extra?: string } | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [form, setForm] = useState({ email: '', displayName: '', jurisdictionId: me?.jurisdictionId ?? '', roles: ['operator'] as string[] });

  const done = (m: Message) => {
    setMessage(m);
    reload();
  };
  const create = async (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    try {
      const r = await api<{ user: UserRow; password?: string }>('/api/v1/users', { method: 'POST', body: { ...form, email: form.email.trim(), jurisdictionId: form.jurisdictionId.trim() } });
      if (r.password) setSecret({ label: t('users.passwordFor', { email: r.user.email }), value: r.password });
      setForm({ ...form, email: '', displayName: '' });
      done({ kind: 'ok', text: t('users.created', { name: r.user.displayName }) });
    } catch (err) {
      setMessage({ kind: 'error', text: t('admin.error', { message: problemText(err) }) });
    }
  };
  const toggle = async (u: UserRow) => {
    try {
      await api(`/api/v1/users/${u.id}`, { method: 'PATCH', body: { disabled: !u.disabled } });
      done({ kind: 'ok', text: t(u.disabled ? 'users.enabled' : 'users.disabledNow', { name: u.displayName }) });
    } catch (err) {
      setMessage({ kind: 'error', text: t('admin.error', { message: problemText(err) }) });
    }
  };
  const resetTotp = async (u: UserRow) => {
    if (!window.confirm(t('users.resetTotpConfirm', { name: u.displayName }))) return;
    try {
      const r = await api<{ secret: string; uri: string }>(`/api/v1/users/${u.id}/totp`, { method: 'POST' });
      setSecret({ label: t('users.totpFor', { email: u.email }), value: r.secret, extra: r.uri });
      done({ kind: 'ok', text: t('users.totpReset', { name: u.displayName }) });
    } catch (err) {
      setMessage({ kind: 'error', text: t('admin.error', { message: problemText(err) }) });
    }
  };

  return (
    <main id="main" className="admin-page">
      <AdminNav />
      <h1>{t('users.title')}</h1>
      <MessageLine message={message} />
      {secret && <SecretOnce label={secret.label} value={secret.value} extra={secret.extra} onDismiss={() => setSecret(null)} />}
      <form className="panel" onSubmit={(e) => void create(e)} aria-labelledby="s-new-user">
        <h2 id="s-new-user">{t('users.new')}</h2>
        <div className="fields">
          <label>{t('users.email')}<input name="email" type="email" required maxLength={254} value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} /></label>
          <label>{t('users.name')}<input name="displayName" required maxLength={200} value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} /></label>
          <label>{t('users.territory')}<input name="jurisdictionId" required maxLength={64} value={form.jurisdictionId} onChange={(e) => setForm({ ...form, jurisdictionId: e.target.value })} /></label>
        </div>
        <RoleChecks value={form.roles} onChange={(roles) => setForm({ ...form, roles })} name="new-roles" />
        <p className="muted">{t('users.passwordHint')}</p>
        <button type="submit" disabled={form.roles.length === 0}>{t('users.create')}</button>
      </form>
      {error && <p className="error" role="alert">{t('admin.error', { message: error })}</p>}
      <section aria-labelledby="s-users">
        <h2 id="s-users">{t('users.list')}</h2>
        <div className="table-wrap">
          <table className="data" data-testid="users">
            <thead>
              <tr><th scope="col">{t('users.name')}</th><th scope="col">{t('users.email')}</th><th scope="col">{t('users.roles')}</th><th scope="col">{t('header.territory')}</th><th scope="col">{t('users.totp')}</th><th scope="col">{t('users.state')}</th><th scope="col">{t('admin.actions')}</th></tr>
            </thead>
            <tbody>
              {(data?.items ?? []).map((u) => (
                <tr key={u.id} data-testid="user-row" data-email={u.email} className={u.disabled ? 'disabled-row' : undefined}>
                  <td>{u.displayName}<br /><span className="muted small">{t('admin.since', { time: formatTime(u.createdAt, locale) })}</span></td>
                  <td>{u.email}</td>
                  <td>{u.roles.map((r) => t(`role.${r}` as MessageKey)).join(', ')}</td>
                  <td>{u.jurisdictionId}</td>
                  <td>{t(`users.totp.${u.totp}` as MessageKey)}</td>
                  <td>{u.disabled ? t('users.disabled') : t('users.active')}</td>
                  <td>
                    {editing === u.id ? (
                      <EditUser user={u} onDone={(m) => { setEditing(null); if (m) done(m); }} />
                    ) : (
                      <div className="row-actions">
                        <button type="button" className="secondary-dark small" onClick={() => setEditing(u.id)}>{t('users.edit')}</button>
                        {u.id !== me?.id && <button type="button" className="secondary-dark small" onClick={() => void toggle(u)}>{u.disabled ? t('users.enable') : t('users.disable')}</button>}
                        <button type="button" className="secondary-dark small" onClick={() => void resetTotp(u)}>{t('users.resetTotp')}</button>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </main>
  );
}
