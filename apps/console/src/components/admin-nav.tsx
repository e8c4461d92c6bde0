import { Link, useLocation } from 'wouter';
import type { MessageKey } from '../i18n/catalog-en';
import { useSession } from '../session';

const PAGES: Array<[string, MessageKey]> = [
  ['/admin/users', 'admin.nav.users'],
  ['/admin/tokens', 'admin.nav.tokens'],
  ['/admin/sensors', 'admin.nav.sensors'],
  ['/admin/audiences', 'admin.nav.audiences'],
  ['/admin/keys', 'admin.nav.keys'],
];

// The administration pages' own navigation, under the main one.
export function AdminNav() {
  const { t } = useSession();
  const [location] = useLocation();
  return (
    <nav className="sub-nav" aria-label={t('admin.nav')}>
      {PAGES.map(([href, key]) => (
        <Link key={href} href={href} aria-current={location === href ? 'page' : undefined}>{t(key)}</Link>
      ))}
    </nav>
  );
}

export type Message = { kind: 'ok' | 'error'; text: string } | null;

export function MessageLine({ message }: { message: Message }) {
  if (!message) return null;
  return <p className={message.kind === 'ok' ? 'notice' : 'error'} role={message.kind === 'ok' ? 'status' : 'alert'} data-testid="admin-message">{message.text}</p>;
}
