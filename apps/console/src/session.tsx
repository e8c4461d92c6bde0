import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, setCsrfToken, whenUnauthenticated, type User } from './api';
import type { MessageKey } from './i18n/catalog-en';
import { isLocale, translate, type Locale } from './i18n/translate';

// Who is signed in, the console's language, and the one translate function components use.

export type Notice = 'expired' | 'loggedOut' | 'enrolmentRequired' | null;

interface Session {
  user: User | null;
  checked: boolean;
  notice: Notice;
  locale: Locale;
  setLocale: (l: Locale) => void;
  t: (key: MessageKey, args?: Record<string, string | number>) => string;
  signedIn: (user: User, csrf: string, enrolmentRequired: boolean) => void;
  logout: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);
const LOCALE_KEY = 'faro.locale';

function initialLocale(): Locale {
  const saved = localStorage.getItem(LOCALE_KEY);
  if (isLocale(saved)) return saved;
  return navigator.language.toLowerCase().startsWith('en') ? 'en' : 'it';
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [checked, setChecked] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const [locale, setLocaleState] = useState<Locale>(initialLocale);

  const setLocale = useCallback((l: Locale) => {
    localStorage.setItem(LOCALE_KEY, l);
    setLocaleState(l);
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  useEffect(() => {
    whenUnauthenticated(() => {
      setUser((was) => {
        if (was) setNotice('expired');
        return null;
      });
      setCsrfToken(null);
    });
    // A reload keeps the session: ask who we are (and the CSRF token again).
    api<{ user: User; csrfToken?: string; totpEnrollmentRequired?: true }>('/api/v1/auth/me', { quiet401: true })
      .then((me) => {
        if (me.totpEnrollmentRequired) return;
        setCsrfToken(me.csrfToken ?? null);
        setUser(me.user);
      })
      .catch(() => undefined)
      .finally(() => setChecked(true));
  }, []);

  const signedIn = useCallback((u: User, csrf: string, enrolmentRequired: boolean) => {
    setCsrfToken(csrf);
    if (enrolmentRequired) {
      setNotice('enrolmentRequired');
      return;
    }
    setNotice(null);
    setUser(u);
  }, []);

  const logout = useCallback(async () => {
    await api('/api/v1/auth/logout', { method: 'POST', quiet401: true }).catch(() => undefined);
    setCsrfToken(null);
    setUser(null);
    setNotice('loggedOut');
  }, []);

  const t = useCallback((key: MessageKey, args?: Record<string, string | number>) => translate(locale, key, args), [locale]);
  const value = useMemo(() => ({ user, checked, notice, locale, setLocale, t, signedIn, logout }), [user, checked, notice, locale, setLocale, t, signedIn, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
