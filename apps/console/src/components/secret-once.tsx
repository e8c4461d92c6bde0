import { useSession } from '../session';

// A secret Faro shows once (a password, an API token, a webhook or TOTP secret): said plainly,
// selectable, and gone when dismissed or when the page is left.
export function SecretOnce({ label, value, extra, onDismiss }: { label: string; value: string; extra?: string; onDismiss: () => void }) {
  const { t } = useSession();
  return (
    <div className="secret-once" role="status" data-testid="secret-once">
      <p><strong>{label}</strong></p>
      <p className="secret-value"><code data-testid="secret-value">{value}</code></p>
      {extra && <p className="secret-extra"><code>{extra}</code></p>}
      <p>{t('admin.secretOnce')}</p>
      <button type="button" className="secondary-dark" onClick={onDismiss}>{t('admin.secretDone')}</button>
    </div>
  );
}
