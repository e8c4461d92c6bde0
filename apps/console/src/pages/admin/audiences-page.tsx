import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { AdminNav, MessageLine, type Message } from '../../components/admin-nav';
import { formatTime } from '../../format-time';
import { useSession } from '../../session';
import { problemText, useResource } from './use-resource';

interface Handset {
  id: string;
  label: string;
  jurisdictionId: string;
  registeredAt: string;
  revokedAt: string | null;
  groups: string[];
}

interface Group {
  id: string;
  name: string;
  jurisdictionId: string;
  activeKeyId: number | null;
  activeKeySince: string | null;
  members: string[];
}

// Handsets (by their X25519 public key) and the restricted-audience groups they belong to.
export function AudiencesPage() {
  const { t, locale } = useSession();
  const handsets = useResource<{ items: Handset[] }>('/api/v1/handsets');
  const groups = useResource<{ items: Group[] }>('/api/v1/groups');
  const [message, setMessage] = useState<Message>(null);
  const [handsetForm, setHandsetForm] = useState({ id: '', label: '', publicKey: '' });
  const [groupForm, setGroupForm] = useState({ id: '', name: '' });
  const [adding, setAdding] = useState<Record<string, string>>({});

  const run = async (work: () => Promise<string>) => {
    setMessage(null);
    try {
      setMessage({ kind: 'ok', text: await work() });
    } catch (err) {
      setMessage({ kind: 'error', text: t('admin.error', { message: problemText(err) }) });
    }
    handsets.reload();
    groups.reload();
  };
  const registerHandset = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await api('/api/v1/handsets', { method: 'POST', body: { id: handsetForm.id.trim(), label: handsetForm.label.trim(), publicKey: handsetForm.publicKey.trim() } });
      setHandsetForm({ id: '', label: '', publicKey: '' });
      return t('audiences.handsetRegistered', { label: handsetForm.label });
    });
  };
  const revokeHandset = (h: Handset) => {
    const reason = window.prompt(t('audiences.revokeReason', { label: h.label }));
    if (!reason?.trim()) return;
    void run(async () => {
      await api(`/api/v1/handsets/${encodeURIComponent(h.id)}/revoke`, { method: 'POST', body: { reason: reason.trim() } });
      return t('audiences.handsetRevoked', { label: h.label });
    });
  };
  const createGroup = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await api('/api/v1/groups', { method: 'POST', body: { id: groupForm.id.trim(), name: groupForm.name.trim() } });
      setGroupForm({ id: '', name: '' });
      return t('audiences.groupCreated', { name: groupForm.name });
    });
  };
  const addMember = (g: Group) => {
    const handsetId = adding[g.id];
    if (!handsetId) return;
    void run(async () => {
      await api(`/api/v1/groups/${encodeURIComponent(g.id)}/members`, { method: 'POST', body: { handsetId } });
      return t('audiences.memberAdded', { handset: handsetId, group: g.name });
    });
  };
  const removeMember = (g: Group, handsetId: string) =>
    void run(async () => {
      await api(`/api/v1/groups/${encodeURIComponent(g.id)}/members/${encodeURIComponent(handsetId)}`, { method: 'DELETE' });
      return t('audiences.memberRemoved', { handset: handsetId, group: g.name });
    });
  const rotateGroupKey = (g: Group) =>
    void run(async () => {
      const r = await api<{ keyId: number }>(`/api/v1/groups/${encodeURIComponent(g.id)}/key/rotate`, { method: 'POST', body: {} });
      return t('audiences.keyRotated', { group: g.name, keyId: r.keyId });
    });

  const active = (handsets.data?.items ?? []).filter((h) => !h.revokedAt);
  return (
    <main id="main" className="admin-page">
      <AdminNav />
      <h1>{t('audiences.title')}</h1>
      <p className="muted">{t('audiences.intro')}</p>
      <MessageLine message={message} />
      {(handsets.error || groups.error) && <p className="error" role="alert">{t('admin.error', { message: handsets.error ?? groups.error ?? '' })}</p>}
      <div className="grid">
        <section className="panel" aria-labelledby="s-handsets">
          <h2 id="s-handsets">{t('audiences.handsets')}</h2>
          {handsets.data && handsets.data.items.length === 0 && <p className="muted">{t('audiences.noHandsets')}</p>}
          <ul className="plain" data-testid="handsets">
            {(handsets.data?.items ?? []).map((h) => (
              <li key={h.id}>
                <strong>{h.label}</strong> <code>{h.id}</code> · {h.jurisdictionId} · {t('admin.since', { time: formatTime(h.registeredAt, locale) })}
                {h.groups.length > 0 && <> · {t('audiences.inGroups', { groups: h.groups.join(', ') })}</>}
                {h.revokedAt ? <> · <strong>{t('audiences.revokedAt', { time: formatTime(h.revokedAt, locale) })}</strong></> : <> <button type="button" className="danger small" onClick={() => revokeHandset(h)}>{t('audiences.revoke')}</button></>}
              </li>
            ))}
          </ul>
          <form onSubmit={registerHandset} className="stack" aria-labelledby="s-new-handset">
            <h3 id="s-new-handset">{t('audiences.newHandset')}</h3>
            <label>{t('audiences.handsetId')}<input required maxLength={100} value={handsetForm.id} onChange={(e) => setHandsetForm({ ...handsetForm, id: e.target.value })} /></label>
            <label>{t('audiences.label')}<input required maxLength={200} value={handsetForm.label} onChange={(e) => setHandsetForm({ ...handsetForm, label: e.target.value })} /></label>
            <label>{t('audiences.publicKey')}<input required value={handsetForm.publicKey} onChange={(e) => setHandsetForm({ ...handsetForm, publicKey: e.target.value })} /></label>
            <button type="submit">{t('audiences.register')}</button>
          </form>
        </section>
        <section className="panel" aria-labelledby="s-groups">
          <h2 id="s-groups">{t('audiences.groups')}</h2>
          {groups.data && groups.data.items.length === 0 && <p className="muted">{t('audiences.noGroups')}</p>}
          {(groups.data?.items ?? []).map((g) => (
            <article key={g.id} className="group" data-testid="group">
              <h3>{g.name} <code>{g.id}</code></h3>
              <p className="muted">{g.jurisdictionId} · {t('audiences.activeKey', { keyId: g.activeKeyId ?? '—', time: g.activeKeySince ? formatTime(g.activeKeySince, locale) : '—' })}</p>
              <ul className="plain">
                {g.members.map((m) => (
                  <li key={m}><code>{m}</code> <button type="button" className="secondary-dark small" onClick={() => removeMember(g, m)} aria-label={t('audiences.removeMember', { handset: m, group: g.name })}>{t('audiences.remove')}</button></li>
                ))}
              </ul>
              <div className="actions">
                <select aria-label={t('audiences.addTo', { group: g.name })} value={adding[g.id] ?? ''} onChange={(e) => setAdding({ ...adding, [g.id]: e.target.value })}>
                  <option value="">{t('audiences.pickHandset')}</option>
                  {active.filter((h) => !g.members.includes(h.id)).map((h) => <option key={h.id} value={h.id}>{h.label}</option>)}
                </select>
                <button type="button" className="secondary-dark small" disabled={!adding[g.id]} onClick={() => addMember(g)}>{t('audiences.add')}</button>
                <button type="button" className="secondary-dark small" onClick={() => rotateGroupKey(g)}>{t('audiences.rotateKey')}</button>
              </div>
            </article>
          ))}
          <form onSubmit={createGroup} className="stack" aria-labelledby="s-new-group">
            <h3 id="s-new-group">{t('audiences.newGroup')}</h3>
            <label>{t('audiences.groupId')}<input required maxLength={100} value={groupForm.id} onChange={(e) => setGroupForm({ ...groupForm, id: e.target.value })} /></label>
            <label>{t('audiences.groupName')}<input required maxLength={200} value={groupForm.name} onChange={(e) => setGroupForm({ ...groupForm, name: e.target.value })} /></label>
            <button type="submit">{t('audiences.createGroup')}</button>
          </form>
        </section>
      </div>
    </main>
  );
}
