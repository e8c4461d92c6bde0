import { useEffect, useMemo, useState } from 'react';
import { useLocation, useSearch } from 'wouter';
import { api, ApiProblem } from '../api';
import { DrillBanner } from '../components/alert-bits';
import type { MessageKey } from '../i18n/catalog-en';
import { useSession } from '../session';
import { circleRing, outerRings, regionalLanguages, type AreaFootprint, type Position } from '../new-alert/area-languages';
import { AreaMap, type DrawMode } from '../new-alert/area-map';
import { AreaPicker } from '../new-alert/area-picker';
import { CERTAINTIES, draftFromAlert, incidentBody, SEVERITIES, URGENCIES, type DraftArea, type DraftContent, type Status } from '../new-alert/draft-body';
import { SavedAreas } from '../new-alert/saved-areas';
import { PhonePreview, TargetingFigures } from '../new-alert/draft-preview';
import { useDraftPreview } from '../new-alert/use-draft-preview';
import { featureFor, languageTerritories, loadMapLayers, type MapLayers } from '../new-alert/map-layers';
import { TEMPLATE_HAZARDS, templateFor, type TemplateHazard, type TextLanguage } from '../new-alert/templates';

const EXPIRY_HOURS = [1, 2, 3, 6, 12, 24];

type Texts = Partial<Record<TextLanguage, { headline: string; text: string; edited: boolean }>>;

// A new form per address: "Copy as new draft" (?from=<id>) and a plain New alert never share state.
export function NewAlertPage() {
  const search = useSearch();
  return <NewAlertForm key={search} copyFrom={new URLSearchParams(search).get('from')} />;
}

function NewAlertForm({ copyFrom }: { copyFrom: string | null }) {
  const { t, user } = useSession();
  const [, navigate] = useLocation();
  const [layers, setLayers] = useState<MapLayers | null>(null);
  const [mapError, setMapError] = useState<string | null>(null);
  const [hazard, setHazard] = useState<TemplateHazard>('earthquake');
  const [status, setStatus] = useState<Status>('Actual');
  const [severity, setSeverity] = useState<DraftContent['severity']>('Severe');
  const [urgency, setUrgency] = useState<DraftContent['urgency']>('Immediate');
  const [certainty, setCertainty] = useState<DraftContent['certainty']>('Observed');
  const [expiresInHours, setExpiresInHours] = useState(3);
  const [areas, setAreas] = useState<DraftArea[]>([]);
  const [mode, setMode] = useState<DrawMode>('none');
  const [pending, setPending] = useState<Position[]>([]);
  const [texts, setTexts] = useState<Texts>({});
  const [kept, setKept] = useState<TextLanguage[]>([]);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  useEffect(() => {
    loadMapLayers().then(setLayers, (e: unknown) => setMapError(String(e)));
  }, []);

  // "Copy as new draft": an earlier alert's content, with a fresh expiry.
  useEffect(() => {
    if (!copyFrom) return;
    api<Parameters<typeof draftFromAlert>[0]>(`/api/v1/alerts/${encodeURIComponent(copyFrom)}`).then((a) => {
      const d = draftFromAlert(a);
      setHazard(d.hazard);
      setStatus(d.status);
      setSeverity(d.severity);
      setUrgency(d.urgency);
      setCertainty(d.certainty);
      setAreas(d.areas);
      setTexts(Object.fromEntries(d.texts.map((x) => [x.language, { headline: x.headline, text: x.text, edited: true }])));
      setKept(d.texts.map((x) => x.language));
    }, (e: unknown) => setSubmitError(t('error.generic', { message: e instanceof ApiProblem ? e.message : String(e) })));
  }, [copyFrom, t]);

  const footprints = useMemo<AreaFootprint[]>(() => {
    if (!layers) return [];
    return areas.flatMap((a): AreaFootprint[] => {
      if (a.kind === 'polygon') return [{ rings: [[...a.ring, a.ring[0]]] }];
      if (a.kind === 'circle') return [{ rings: [circleRing(a.center, a.radiusKm)] }];
      if (a.scheme === 'ISTAT_MUNICIPALITY') {
        const c = layers.comuni.find((x) => x[0] === a.code);
        return c ? [{ province: c[3], region: c[4] }] : [];
      }
      const f = featureFor(layers, a.scheme, a.code);
      return f ? [{ rings: outerRings(f.geometry) }] : [];
    });
  }, [areas, layers]);
  const territories = useMemo(() => (layers ? languageTerritories(layers) : {}), [layers]);
  const languages = useMemo<TextLanguage[]>(() => {
    const all: TextLanguage[] = ['it', 'en', ...regionalLanguages(footprints, territories), ...kept];
    return all.filter((l, i) => all.indexOf(l) === i);
  }, [footprints, territories, kept]);

  // Each language shows its template until the author edits it; a new hazard re-fills the unedited ones.
  useEffect(() => {
    setTexts((was) => {
      const next: Texts = { ...was };
      for (const l of languages) if (!next[l]?.edited) next[l] = { ...templateFor(hazard, l), edited: false };
      return next;
    });
  }, [hazard, languages]);

  const content: DraftContent = {
    hazard,
    status,
    severity,
    urgency,
    certainty,
    expiresInHours,
    areas,
    texts: languages.filter((l) => texts[l]).map((l) => ({ language: l, headline: texts[l]!.headline, text: texts[l]!.text })),
  };
  const preview = useDraftPreview(content);

  const onMapClick = (p: Position) => {
    if (mode === 'polygon') setPending((v) => [...v, p]);
    if (mode === 'circle') {
      if (pending.length === 0) return setPending([p]);
      setAreas((a) => [...a, { kind: 'circle', center: pending[0], radiusKm: Math.max(0.1, distanceKm(pending[0], p)) }]);
      setPending([]);
      setMode('none');
    }
  };
  const startDrawing = (m: DrawMode) => {
    setPending([]);
    setMode(m);
  };
  const finishPolygon = () => {
    if (pending.length >= 3) setAreas((a) => [...a, { kind: 'polygon', ring: pending }]);
    setPending([]);
    setMode('none');
  };

  const submit = async () => {
    setSubmitError(null);
    setSubmitting(true);
    try {
      const created = await api<{ alertId: string }>('/api/v1/incidents', { method: 'POST', body: incidentBody(content, new Date()) });
      navigate(`/alerts/${created.alertId}`);
    } catch (e) {
      setSubmitError(t('error.generic', { message: e instanceof ApiProblem ? e.message : String(e) }));
      setSubmitting(false);
    }
  };

  const messages = new Map((preview.answer?.messages ?? []).map((m) => [m.language, m]));
  const canSubmit = areas.length > 0 && preview.answer !== null && !preview.busy && !submitting;
  return (
    <main id="main" className={`new-alert ${status === 'Actual' ? 'actual' : 'drill'}`}>
      <DrillBanner alerts={[{ status }]} />
      <h1>{t('draft.title')}</h1>
      {copyFrom && <p className="muted">{t('draft.copiedFrom')}</p>}
      <div className="draft-grid">
        <section className="panel" aria-labelledby="d-what">
          <h2 id="d-what">{t('draft.what')}</h2>
          <div className="fields">
            <label>{t('draft.hazard')}
              <select value={hazard} onChange={(e) => setHazard(e.target.value as TemplateHazard)} data-testid="hazard">
                {TEMPLATE_HAZARDS.map((h) => <option key={h} value={h}>{t(`hazard.${h}` as MessageKey)}</option>)}
              </select>
            </label>
            <fieldset className="status-choice">
              <legend>{t('draft.status')}</legend>
              {(['Actual', 'Exercise', 'Test'] as const).map((s) => (
                <label key={s} className={`status-option status-${s.toLowerCase()}-option`}>
                  <input type="radio" name="status" value={s} checked={status === s} onChange={() => setStatus(s)} />
                  {t(`status.${s}` as MessageKey)}
                </label>
              ))}
            </fieldset>
            <label>{t('draft.severity')}
              <select value={severity} onChange={(e) => setSeverity(e.target.value as DraftContent['severity'])}>
                {SEVERITIES.map((v) => <option key={v} value={v}>{t(`severity.${v}` as MessageKey)}</option>)}
              </select>
            </label>
            <label>{t('draft.urgency')}
              <select value={urgency} onChange={(e) => setUrgency(e.target.value as DraftContent['urgency'])}>
                {URGENCIES.map((v) => <option key={v} value={v}>{t(`urgency.${v}` as MessageKey)}</option>)}
              </select>
            </label>
            <label>{t('draft.certainty')}
              <select value={certainty} onChange={(e) => setCertainty(e.target.value as DraftContent['certainty'])}>
                {CERTAINTIES.map((v) => <option key={v} value={v}>{t(`certainty.${v}` as MessageKey)}</option>)}
              </select>
            </label>
            <label>{t('draft.expires')}
              <select value={expiresInHours} onChange={(e) => setExpiresInHours(Number(e.target.value))}>
                {EXPIRY_HOURS.map((h) => <option key={h} value={h}>{t('draft.expiresIn', { hours: h })}</option>)}
              </select>
            </label>
          </div>
        </section>

        <section className="panel wide" aria-labelledby="d-area">
          <h2 id="d-area">{t('draft.area')}</h2>
          <div className="actions">
            <button type="button" className="secondary-dark" aria-pressed={mode === 'polygon'} onClick={() => startDrawing('polygon')} data-testid="draw-polygon">{t('draft.drawPolygon')}</button>
            <button type="button" className="secondary-dark" aria-pressed={mode === 'circle'} onClick={() => startDrawing('circle')} data-testid="draw-circle">{t('draft.drawCircle')}</button>
            {mode === 'polygon' && <button type="button" onClick={finishPolygon} disabled={pending.length < 3} data-testid="finish-polygon">{t('draft.finishPolygon', { points: pending.length })}</button>}
            {mode !== 'none' && <button type="button" className="secondary-dark" onClick={() => startDrawing('none')}>{t('draft.stopDrawing')}</button>}
          </div>
          <p className="muted" role="status">{mode === 'polygon' ? t('draft.hint.polygon') : mode === 'circle' ? t(pending.length ? 'draft.hint.radius' : 'draft.hint.centre') : t('draft.hint.none')}</p>
          {mapError && <p className="error" role="alert">{t('draft.mapUnavailable', { message: mapError })}</p>}
          <AreaMap layers={layers} jurisdictionId={user?.jurisdictionId ?? 'IT'} areas={areas} mode={mode} pending={pending} onMapClick={onMapClick} label={t('draft.mapLabel')} />
          {layers && <AreaPicker layers={layers} onPick={(a) => setAreas((was) => [...was, a])} />}
          <SavedAreas current={() => incidentBody(content, new Date()).areas as unknown[]} onAdd={(more) => setAreas((was) => [...was, ...more])} />
          <ul className="plain area-list" data-testid="area-list">
            {areas.map((a, i) => (
              <li key={i}>
                {a.kind === 'polygon' ? t('draft.area.polygon', { points: a.ring.length }) : a.kind === 'circle' ? t('draft.area.circle', { km: a.radiusKm.toFixed(1) }) : `${t(`draft.scheme.${a.scheme}` as MessageKey)}: ${a.name}`}
                {' '}
                <button type="button" className="secondary-dark small" onClick={() => setAreas((was) => was.filter((_, j) => j !== i))}>{t('draft.removeArea')}</button>
              </li>
            ))}
          </ul>
        </section>

        <section className="panel wide" aria-labelledby="d-preview" aria-live="polite">
          <h2 id="d-preview">{t('draft.preview')}</h2>
          {areas.length === 0 && <p className="muted">{t('draft.previewNeedsArea')}</p>}
          {preview.busy && <p className="muted" data-testid="preview-busy">{t('draft.previewBusy')}</p>}
          {preview.refusal && <p className="error" role="alert" data-testid="preview-refusal">{t('draft.refused', { message: preview.refusal })}</p>}
          {preview.answer && !preview.busy && <TargetingFigures preview={preview.answer} />}
        </section>

        <section className="panel wide" aria-labelledby="d-texts">
          <h2 id="d-texts">{t('draft.texts')}</h2>
          {languages.map((l) => {
            const x = texts[l];
            if (!x) return null;
            const edit = (patch: Partial<{ headline: string; text: string }>) => setTexts((was) => ({ ...was, [l]: { ...x, ...patch, edited: true } }));
            return (
              <div className="language-text" key={l} data-testid={`text-${l}`}>
                <div className="fields">
                  <label>{t('draft.headline', { language: t(`draft.language.${l}` as MessageKey) })}
                    <input value={x.headline} maxLength={160} onChange={(e) => edit({ headline: e.target.value })} lang={l} />
                  </label>
                  <label>{t('draft.text', { language: t(`draft.language.${l}` as MessageKey) })}
                    <textarea value={x.text} rows={4} maxLength={2000} onChange={(e) => edit({ text: e.target.value })} lang={l} />
                  </label>
                </div>
                <PhonePreview language={l} text={x.text} status={status} message={preview.busy ? undefined : messages.get(l)} />
              </div>
            );
          })}
        </section>
      </div>
      {submitError && <p className="error" role="alert">{submitError}</p>}
      <div className="actions">
        <button type="button" onClick={() => void submit()} disabled={!canSubmit} data-testid="create-draft">{t('draft.submit')}</button>
      </div>
    </main>
  );
}

// Haversine, on a sphere of the Earth's mean radius: the radius of a circle drawn with two clicks.
function distanceKm([lon1, lat1]: Position, [lon2, lat2]: Position): number {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(a));
}
