import { useEffect, useMemo, useRef, useState } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { api } from '../api';
import type { MessageKey } from '../i18n/catalog-en';
import { loadMapLayers } from '../new-alert/map-layers';
import { useSession } from '../session';
import { CELL_COLOURS, CellCanvasLayer, type AlertCells } from './cell-canvas-layer';

// The cells an alert targets, coloured by delivery state, over the boundaries Faro ships (no
// tiles). `revision` changes when the delivery progress does: the states are fetched again.
// The container says when the cells were first painted (data-cells-painted and a performance
// mark), which the browser test and bench/alert-map.bench.ts wait for.
export function CellMap({ alertId, revision }: { alertId: string; revision: string }) {
  const { t, locale } = useSession();
  const box = useRef<HTMLDivElement>(null);
  const layer = useRef<CellCanvasLayer | null>(null);
  const map = useRef<L.Map | null>(null);
  const fitted = useRef(false);
  const [cells, setCells] = useState<AlertCells | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const m = L.map(box.current!, { center: [41.9, 12.5], zoom: 5, zoomSnap: 1, attributionControl: false, keyboard: true, preferCanvas: true });
    const painted = (count: number) => {
      const el = box.current;
      if (!el) return;
      // Two animation frames: the frame with the drawn canvas has been painted.
      if (!el.hasAttribute('data-cells-painted')) requestAnimationFrame(() => requestAnimationFrame(() => performance.mark('faro:cells-painted', { detail: { count } })));
      el.setAttribute('data-cells-painted', String(count));
    };
    layer.current = new CellCanvasLayer(painted).addTo(m);
    map.current = m;
    loadMapLayers().then((layers) => {
      if (map.current !== m) return;
      L.geoJSON(layers.regions as never, { interactive: false, style: { color: '#5b6475', weight: 1.2, fillColor: '#e9edf3', fillOpacity: 1 } }).addTo(m).bringToBack();
      L.geoJSON(layers.provinces as never, { interactive: false, style: { color: '#8a93a3', weight: 0.6, fill: false } }).addTo(m);
    }, (e: unknown) => setError(String(e)));
    return () => {
      m.remove();
      map.current = null;
      layer.current = null;
    };
  }, []);

  useEffect(() => {
    let current = true;
    api<AlertCells>(`/api/v1/alerts/${encodeURIComponent(alertId)}/cells`).then((c) => {
      if (!current || !layer.current || !map.current) return;
      layer.current.setCells(c);
      setCells(c);
      const b = layer.current.bounds();
      if (b && !fitted.current) {
        fitted.current = true;
        map.current.fitBounds(b.pad(0.05), { animate: false, maxZoom: 12 });
      }
    }, (e: unknown) => current && setError(String(e)));
    return () => {
      current = false;
    };
  }, [alertId, revision]);

  // Counted once per answer, not on every live event that re-renders the page.
  const counts = useMemo(() => {
    const n = new Map<string, number>();
    if (cells) for (const s of cells.state) n.set(cells.states[s], (n.get(cells.states[s]) ?? 0) + 1);
    return n;
  }, [cells]);
  const fmt = new Intl.NumberFormat(locale === 'it' ? 'it-IT' : 'en-GB');
  return (
    <>
      <div ref={box} className="area-map cell-map" role="region" aria-label={t('detail.map.label', { count: fmt.format(cells?.count ?? 0) })} data-testid="cell-map" />
      {error && <p className="error" role="alert">{t('draft.mapUnavailable', { message: error })}</p>}
      {cells && cells.count === 0 && <p className="muted">{t('detail.map.none')}</p>}
      <ul className="plain legend" data-testid="cell-legend">
        {(['on-air', 'queued', 'failed', 'killed'] as const).map((s) => (
          <li key={s} data-state={s} data-count={counts.get(s) ?? 0}>
            <span className="swatch" style={{ background: CELL_COLOURS[s] }} aria-hidden="true" />
            {t(`detail.cellState.${s}` as MessageKey)}: {fmt.format(counts.get(s) ?? 0)}
          </li>
        ))}
      </ul>
    </>
  );
}
