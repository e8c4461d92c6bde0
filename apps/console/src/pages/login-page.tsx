import { useState, type FormEvent } from 'react';
import { api, ApiProblem, type User } from '../api';
import { formatTime } from '../format-time';
import type { MessageKey } from '../i18n/catalog-en';
import { useSession } from '../session';

interface LoginAnswer {
  user: User;
  csrfToken: string;
  totpEnrollmentRequired?: true;
}

export function LoginPage() {
  const { t, locale, notice, signedIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needTotp, setNeedTotp] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await api<LoginAnswer>('/api/v1/auth/login', { method: 'POST', body: { email, password, ...(needTotp ? { totp } : {}) }, quiet401: true });
      signedIn(r.user, r.csrfToken, r.totpEnrollmentRequired === true);
    } catch (err) {
      if (err instanceof ApiProblem && err.code === 'auth/totp-required') {
        // The password was right; the second step asks for the code.
        setNeedTotp(true);
      } else {
        setError(messageFor(err));
        if (err instanceof ApiProblem && err.code === 'auth/totp-invalid') setTotp('');
      }
    } finally {
      setBusy(false);
    }
  };

  const messageFor = (err: unknown): string => {
    if (!(err instanceof ApiProblem)) return t('login.error.network');
    switch (err.code) {
      case 'auth/invalid-credentials':
        return t('login.error.invalid-credentials');
      case 'auth/totp-invalid':
        return t('login.error.totp-invalid');
      case 'auth/locked':
        return err.retryAfterSeconds ? t('login.error.locked', { time: formatTime(new Date(Date.now() + err.retryAfterSeconds * 1000), locale) }) : t('login.error.lockedNoTime');
      default:
        return t('login.error.other', { code: err.code });
    }
  };

  const noticeKey: MessageKey | null = notice === 'expired' ? 'login.expired' : notice === 'loggedOut' ? 'login.loggedOut' : notice === 'enrolmentRequired' ? 'login.enrolmentRequired' : null;
  return (
    <main id="main" className="login">
      <h1>{t('login.title')}</h1>
      {noticeKey && <p className="notice" role="status" data-testid="login-notice">{t(noticeKey)}</p>}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <label>
          {t('login.email')}
          <input type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} disabled={needTotp} />
        </label>
        <label>
          {t('login.password')}
          <input type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} disabled={needTotp} />
        </label>
        {needTotp && (
          <label>
            {t('login.totp')}
            <input name="totp" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" maxLength={6} required autoFocus value={totp} onChange={(e) => setTotp(e.target.value.trim())} aria-describedby="totp-hint" />
            <small id="totp-hint">{t('login.totpHint')}</small>
          </label>
        )}
        {error && <p className="error" role="alert" data-testid="login-error">{error}</p>}
        <button type="submit" disabled={busy}>{busy ? t('login.busy') : needTotp ? t('login.continue') : t('login.submit')}</button>
      </form>
    </main>
  );
}
