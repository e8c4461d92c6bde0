import { useEffect, useState } from 'react';
import { api } from '../api';
import { useSession } from '../session';

// GET /api/v1/alerts/{id}/broadcasts: one record per message and route.
interface BroadcastRecord {
  messageId: string;
  kind: 'alert' | 'companion';
  signsMessageIdentifier: number | null;
  language: string;
  routeId: string;
  messageIdentifier: number;
  serialNumber: number;
  dataCodingScheme: number;
  pages: string[];
  keyId: string;
  signature: string;
  cells: number;
}

const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');

// What went on air per language: each message's pages as transmitted (hex), its signature and
// the id of the key that made it. A message is listed once, with the routes that carried it.
export function BroadcastPages({ alertId, revision }: { alertId: string; revision: string }) {
  const { t } = useSession();
  const [records, setRecords] = useState<BroadcastRecord[] | null>(null);
  useEffect(() => {
    let current = true;
    api<{ broadcasts: BroadcastRecord[] }>(`/api/v1/alerts/${encodeURIComponent(alertId)}/broadcasts`).then((x) => current && setRecords(x.broadcasts), () => undefined);
    return () => {
      current = false;
    };
  }, [alertId, revision]);
  if (!records) return null;
  if (records.length === 0) return <p className="muted">{t('detail.pages.none')}</p>;
  const messages = new Map<string, { record: BroadcastRecord; routes: string[] }>();
  for (const r of records) {
    const m = messages.get(r.messageId) ?? { record: r, routes: [] };
    m.routes.push(r.routeId);
    messages.set(r.messageId, m);
  }
  return (
    <div className="broadcast-pages">
      {[...messages.values()].map(({ record: r, routes }) => (
        <article key={r.messageId} className="broadcast-message" data-testid={`pages-${r.language}-${r.kind}`} lang={r.language}>
          <h3>
            {r.kind === 'alert' ? t('detail.pages.message', { language: r.language }) : t('detail.pages.companion', { language: r.language, signs: hex4(r.signsMessageIdentifier ?? 0) })}
          </h3>
          <dl className="facts">
            <div><dt>{t('detail.pages.identifier')}</dt><dd><code>{hex4(r.messageIdentifier)}</code></dd></div>
            <div><dt>{t('detail.pages.serial')}</dt><dd><code>{hex4(r.serialNumber)}</code></dd></div>
            <div><dt>{t('detail.pages.dcs')}</dt><dd><code>{r.dataCodingScheme.toString(16).toUpperCase().padStart(2, '0')}</code></dd></div>
            <div><dt>{t('detail.pages.keyId')}</dt><dd><code data-testid="key-id">{r.keyId}</code></dd></div>
            <div><dt>{t('detail.pages.routes')}</dt><dd>{routes.join(', ')}</dd></div>
          </dl>
          <p className="hex-label">{t('detail.pages.signature')}</p>
          <code className="hex" data-testid="signature">{r.signature}</code>
          <ol className="hex-pages">
            {r.pages.map((p, i) => (
              <li key={i}>
                <span className="hex-label">{t('detail.pages.page', { n: i + 1, of: r.pages.length })}</span>
                <code className="hex" data-testid="page-hex">{p}</code>
              </li>
            ))}
          </ol>
        </article>
      ))}
    </div>
  );
}
