import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { AdminNav, MessageLine, type Message } from '../../components/admin-nav';
import { SecretOnce } from '../../components/secret-once';
import type { MessageKey } from '../../i18n/catalog-en';
import { useSession } from '../../session';
import { problemText, useResource } from './use-resource';

const POLICIES = ['approve', 'auto', 'record'] as const;
// How long the old webhook secret keeps working beside a new one: time to update the sensor.
const ROTATION_OVERLAP_SECONDS = 3600;

interface SensorRow {
  id: string;
  name: string;
  jurisdictionId: string;
  releasePolicy: (typeof POLICIES)[number];
  rateLimitPerMinute: number;
  disabled: boolean;
}

function PolicySelect({ value, onChange, label }: { value: string; onChange: (v: string) => void; label: string }) {
  const { t } = useSession();
  return (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      {POLICIES.map((p) => <option key={p} value={p}>{t(`sensors.policy.${p}` as MessageKey)}</option>)}
    </select>
  );
}

export function SensorsPage() {
  const { t, user } = useSession();
  const { data, error, reload } = useResource<{ items: SensorRow[] }>('/api/v1/sensors');
  const [message, setMessage] = useState<Message>(null);
  const [secret, setSecret] = useState<{ label: string; value: string; extra: string } | null>(null);
  const [form, setForm] = useState({ name: '', jurisdictionId: user?.jurisdictionId ?? '', releasePolicy: 'approve' });

  const run = async (work: () => Promise<string>) => {
    setMessage(null);
    try {
      setMessage({ kind: 'ok', text: await work() });
      reload();
    } catch (err) {
      setMessage({ kind: 'error', text: t('admin.error', { message: problemText(err) }) });
    }
  };
  const create = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const r = await api<SensorRow & { secret: string; signing: string }>('/api/v1/sensors', { method: 'POST', body: { ...form, name: form.name.trim(), jurisdictionId: form.jurisdictionId.trim() } });
      setSecret({ label: t('sensors.secretFor', { name: r.name, id: r.id }), value: r.secret, extra: r.signing });
      setForm({ ...form, name: '' });
      return t('sensors.created', { name: r.name });
    });
  };
  const rotate = (s: SensorRow) =>
    void run(async () => {
      const r = await api<{ secret: string; signing: string; previousValidUntil: string }>(`/api/v1/sensors/${s.id}/rotate-secret`, { method: 'POST', body: { overlapSeconds: ROTATION_OVERLAP_SECONDS } });
      setSecret({ label: t('sensors.secretFor', { name: s.name, id: s.id }), value: r.secret, extra: r.signing });
      return t('sensors.rotated', { name: s.name });
    });
  const change = (s: SensorRow, body: Record<string, unknown>) =>
    void run(async () => {
      await api(`/api/v1/sensors/${s.id}`, { method: 'PATCH', body });
      return t('sensors.saved', { name: s.name });
    });

  return (
    <main id="main" className="admin-page">
      <AdminNav />
      <h1>{t('sensors.title')}</h1>
      <MessageLine message={message} />
      {secret && <SecretOnce label={secret.label} value={secret.value} extra={secret.extra} onDismiss={() => setSecret(null)} />}
      <form className="panel" onSubmit={create} aria-labelledby="s-new-sensor">
        <h2 id="s-new-sensor">{t('sensors.new')}</h2>
        <div className="fields">
          <label>{t('sensors.name')}<input name="name" required maxLength={200} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} /></label>
          <label>{t('sensors.territory')}<input name="jurisdictionId" required maxLength={64} value={form.jurisdictionId} onChange={(e) => setForm({ ...form, jurisdictionId: e.target.value })} /></label>
          <label>{t('sensors.policy')}<PolicySelect label={t('sensors.policy')} value={form.releasePolicy} onChange={(releasePolicy) => setForm({ ...form, releasePolicy })} /></label>
        </div>
        <p className="muted">{t('sensors.policyHint')}</p>
        <button type="submit">{t('sensors.create')}</button>
      </form>
      {error && <p className="error" role="alert">{t('admin.error', { message: error })}</p>}
      <section aria-labelledby="s-sensors">
        <h2 id="s-sensors">{t('sensors.list')}</h2>
        {data && data.items.length === 0 && <p className="muted">{t('sensors.none')}</p>}
        {data && data.items.length > 0 && (
          <div className="table-wrap">
            <table className="data" data-testid="sensors">
              <thead>
                <tr><th scope="col">{t('sensors.name')}</th><th scope="col">{t('sensors.territory')}</th><th scope="col">{t('sensors.policy')}</th><th scope="col">{t('sensors.rate')}</th><th scope="col">{t('users.state')}</th><th scope="col">{t('admin.actions')}</th></tr>
              </thead>
              <tbody>
                {data.items.map((s) => (
                  <tr key={s.id} data-testid="sensor-row" data-name={s.name} className={s.disabled ? 'disabled-row' : undefined}>
                    <td>{s.name}<br /><code className="small">{s.id}</code></td>
                    <td>{s.jurisdictionId}</td>
                    <td><PolicySelect label={t('sensors.policyOf', { name: s.name })} value={s.releasePolicy} onChange={(releasePolicy) => change(s, { releasePolicy })} /></td>
                    <td>{t('sensors.perMinute', { n: s.rateLimitPerMinute })}</td>
                    <td>{s.disabled ? t('users.disabled') : t('users.active')}</td>
                    <td>
                      <div className="row-actions">
                        <button type="button" className="secondary-dark small" data-testid="rotate-secret" onClick={() => rotate(s)}>{t('sensors.rotate')}</button>
                        <button type="button" className="secondary-dark small" onClick={() => change(s, { disabled: !s.disabled })}>{s.disabled ? t('users.enable') : t('users.disable')}</button>
                      </div>
                    </td>
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
