import { useEffect, useRef } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { Position } from './area-languages';
import type { DraftArea } from './draft-body';
import { featureFor, type MapLayers } from './map-layers';

export type DrawMode = 'none' | 'polygon' | 'circle';

interface Props {
  layers: MapLayers | null;
  // The operator's territory (e.g. IT-R19, IT-P087): the map opens on it.
  jurisdictionId: string;
  areas: DraftArea[];
  mode: DrawMode;
  // The vertices of the polygon being drawn, or a circle's centre.
  pending: Position[];
  onMapClick: (p: Position) => void;
  label: string;
}

// Leaflet over the boundaries Faro ships: regions filled, provinces outlined, no tiles. The map
// container carries its view (data-view="lat,lon,zoom") so a test can turn a place into a pixel.
export function AreaMap({ layers, jurisdictionId, areas, mode, pending, onMapClick, label }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const drawn = useRef<L.LayerGroup | null>(null);
  const click = useRef(onMapClick);
  click.current = onMapClick;

  useEffect(() => {
    const m = L.map(box.current!, { center: [41.9, 12.5], zoom: 5, zoomSnap: 1, attributionControl: false, keyboard: true });
    const showView = () => {
      const c = m.getCenter();
      box.current?.setAttribute('data-view', `${c.lat},${c.lng},${m.getZoom()}`);
    };
    m.on('moveend zoomend', showView);
    m.on('click', (e: L.LeafletMouseEvent) => click.current([e.latlng.lng, e.latlng.lat]));
    drawn.current = L.layerGroup().addTo(m);
    map.current = m;
    showView();
    return () => {
      m.remove();
      map.current = null;
    };
  }, []);

  useEffect(() => {
    const m = map.current;
    if (!m || !layers) return;
    const base = L.layerGroup([
      L.geoJSON(layers.regions as never, { interactive: false, style: { color: '#5b6475', weight: 1.2, fillColor: '#e9edf3', fillOpacity: 1 } }),
      L.geoJSON(layers.provinces as never, { interactive: false, style: { color: '#8a93a3', weight: 0.6, fill: false } }),
    ]).addTo(m);
    base.eachLayer((l) => (l as L.GeoJSON).bringToBack());
    const own = territoryFeature(layers, jurisdictionId);
    if (own) m.fitBounds(L.geoJSON(own as never).getBounds(), { animate: false });
    return () => void base.remove();
  }, [layers, jurisdictionId]);

  useEffect(() => {
    const g = drawn.current;
    if (!g) return;
    g.clearLayers();
    const style = { color: '#b3121f', weight: 2, fillOpacity: 0.25 };
    for (const a of areas) {
      if (a.kind === 'polygon') L.polygon(a.ring.map(([x, y]) => [y, x] as [number, number]), { ...style, interactive: false }).addTo(g);
      else if (a.kind === 'circle') L.circle([a.center[1], a.center[0]], { ...style, radius: a.radiusKm * 1000, interactive: false }).addTo(g);
      else if (layers) {
        const f = featureFor(layers, a.scheme, a.code);
        if (f) L.geoJSON(f as never, { style, interactive: false }).addTo(g);
      }
    }
    if (pending.length > 0) {
      const pts = pending.map(([x, y]) => [y, x] as [number, number]);
      L.polyline(pts, { color: '#0b3d91', weight: 2, dashArray: '4 4', interactive: false }).addTo(g);
      for (const p of pts) L.circleMarker(p, { radius: 4, color: '#0b3d91', interactive: false }).addTo(g);
    }
  }, [areas, pending, layers]);

  return <div ref={box} className={`area-map mode-${mode}`} role="application" aria-label={label} data-testid="area-map" />;
}

function territoryFeature(layers: MapLayers, jurisdictionId: string) {
  const m = /^IT-(R|P)(\d+)$/.exec(jurisdictionId);
  if (!m) return null;
  return featureFor(layers, m[1] === 'R' ? 'ISTAT_REGION' : 'ISTAT_PROVINCE', m[2]) ?? null;
}
