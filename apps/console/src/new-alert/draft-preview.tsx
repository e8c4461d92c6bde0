import type { MessageKey } from '../i18n/catalog-en';
import { SatelliteReachFact, type SatelliteReach } from '../components/satellite-reach';
import { useSession } from '../session';
import type { Status } from './draft-body';

// POST /api/v1/drafts/preview's answer, the figures the console shows before submit.
export interface DraftPreviewAnswer {
  messages: Array<{ language: string; alphabet: 'gsm7' | 'ucs2' | 'data'; characters: number; units: number; textPages: number; totalPages: number }>;
  targeting: {
    counts: { terrestrial: number; satellite: number; total: number };
    routes: Record<string, { kind: 'terrestrial' | 'satellite'; gatewayId: string; cells: number }>;
    overshootKm2: number;
    uncoveredKm2: number;
    requestedAreaKm2: number;
    residentPopulation: number;
  };
  satellite?: SatelliteReach;
}

const km2 = (n: number, locale: string) => new Intl.NumberFormat(locale === 'it' ? 'it-IT' : 'en-GB', { maximumFractionDigits: 1 }).format(n);
const count = (n: number, locale: string) => new Intl.NumberFormat(locale === 'it' ? 'it-IT' : 'en-GB').format(n);

export function TargetingFigures({ preview }: { preview: DraftPreviewAnswer }) {
  const { t, locale } = useSession();
  const g = preview.targeting;
  const routes = Object.entries(g.routes).sort(([a], [b]) => a.localeCompare(b));
  return (
    <dl className="facts preview-figures" data-testid="preview-figures">
      <div><dt>{t('draft.cells')}</dt><dd data-testid="preview-cells" data-cells={g.counts.total}>{t('alert.cellsValue', { total: count(g.counts.total, locale), terrestrial: count(g.counts.terrestrial, locale), satellite: count(g.counts.satellite, locale) })}</dd></div>
      {routes.map(([route, r]) => (
        <div key={route}><dt>{t('draft.route', { route })}</dt><dd data-testid={`preview-route-${route}`}>{t(`draft.routeKind.${r.kind}` as MessageKey)}: {count(r.cells, locale)}</dd></div>
      ))}
      <div><dt>{t('draft.population')}</dt><dd data-testid="preview-population">{count(g.residentPopulation, locale)}</dd></div>
      <div><dt>{t('draft.requested')}</dt><dd>{km2(g.requestedAreaKm2, locale)} km²</dd></div>
      <div><dt>{t('draft.overshoot')}</dt><dd data-testid="preview-overshoot">{km2(g.overshootKm2, locale)} km²</dd></div>
      <div><dt>{t('draft.uncovered')}</dt><dd data-testid="preview-uncovered">{km2(g.uncoveredKm2, locale)} km²</dd></div>
      <SatelliteReachFact reach={preview.satellite} />
    </dl>
  );
}

// What a handset shows: the text alone (a cell broadcast carries no headline), in a phone's
// frame, marked when it is a test or an exercise.
export function PhonePreview({ language, text, status, message }: { language: string; text: string; status: Status; message?: DraftPreviewAnswer['messages'][number] }) {
  const { t } = useSession();
  return (
    <figure className={`phone ${status === 'Actual' ? 'actual' : 'drill'}`} data-testid={`phone-${language}`}>
      <div className="phone-screen">
        <p className="phone-title">{status === 'Actual' ? t('draft.phone.title') : t(`draft.phone.drill.${status}` as MessageKey)}</p>
        <p className="phone-text" lang={language}>{text}</p>
      </div>
      <figcaption>
        {message
          ? t('draft.encoding', { characters: message.characters, alphabet: t(`draft.alphabet.${message.alphabet}` as MessageKey), pages: message.totalPages })
          : t('draft.encodingPending')}
      </figcaption>
    </figure>
  );
}
