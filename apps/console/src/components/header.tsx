import { Link, useLocation } from 'wouter';
import { LOCALES, type Locale } from '../i18n/translate';
import type { MessageKey } from '../i18n/catalog-en';
import { useSession } from '../session';
import { PushToggle } from './push-toggle';

export function Header() {
  const { user, t, locale, setLocale, logout } = useSession();
  const [location] = useLocation();
  return (
    <header className="top">
      <a className="skip" href="#main">{t('app.skip')}</a>
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">{t('app.name')}</span>
        <span className="brand-tag">{t('app.tagline')}</span>
      </div>
      {user && (
        <nav aria-label={t('nav.main')}>
          <Link href="/" aria-current={location === '/' ? 'page' : undefined}>{t('nav.dashboard')}</Link>
          {user.roles.includes('operator') && <Link href="/alerts/new" aria-current={location === '/alerts/new' ? 'page' : undefined}>{t('nav.newAlert')}</Link>}
          {user.roles.includes('approver') && <Link href="/approvals" aria-current={location === '/approvals' ? 'page' : undefined}>{t('nav.approvals')}</Link>}
          {(user.roles.includes('auditor') || user.roles.includes('admin')) && <Link href="/audit" aria-current={location === '/audit' ? 'page' : undefined}>{t('nav.audit')}</Link>}
          {(user.roles.includes('auditor') || user.roles.includes('admin')) && <Link href="/reports" aria-current={location === '/reports' ? 'page' : undefined}>{t('nav.reports')}</Link>}
          {user.roles.includes('admin') && <Link href="/admin/users" aria-current={location.startsWith('/admin') ? 'page' : undefined}>{t('nav.admin')}</Link>}
        </nav>
      )}
      <div className="who">
        <label className="lang">
          <span>{t('lang.label')}</span>
          <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)} data-testid="locale">
            {LOCALES.map((l) => <option key={l} value={l}>{t(`lang.${l}` as MessageKey)}</option>)}
          </select>
        </label>
        {user && (
          <>
            <dl className="identity" data-testid="identity">
              <div><dt>{t('header.signedInAs')}</dt><dd>{user.displayName}</dd></div>
              <div><dt>{t('header.roles')}</dt><dd>{user.roles.map((r) => t(`role.${r}` as MessageKey)).join(', ')}</dd></div>
              <div><dt>{t('header.territory')}</dt><dd>{user.jurisdictionId}</dd></div>
            </dl>
            {(user.roles.includes('operator') || user.roles.includes('approver')) && <PushToggle />}
            <button type="button" className="secondary" onClick={() => void logout()}>{t('header.logout')}</button>
          </>
        )}
      </div>
    </header>
  );
}
