import { useEffect, useState } from 'react';
import { api, ApiProblem } from '../api';
import { useSession } from '../session';
import { readAreaFile } from './area-file';
import type { DraftArea, PickScheme } from './draft-body';

// The operator's saved areas (GET/POST/DELETE /api/v1/saved-areas): save what is on the map,
// upload a GeoJSON file or a zipped shapefile (the API simplifies it to what a broadcast carries),
// add one to the draft.

type IncidentArea =
  | { type: 'polygon'; description?: string; coordinates: Array<[number, number]> }
  | { type: 'circle'; description?: string; center: [number, number]; radiusKm: number }
  | { type: 'geocode'; description?: string; scheme: PickScheme; code: string };
interface SavedArea { id: string; name: string; areas: IncidentArea[] }

export function toDraftAreas(areas: IncidentArea[]): DraftArea[] {
  return areas.map((a) => {
    if (a.type === 'polygon') return { kind: 'polygon', ring: a.coordinates.slice(0, -1) };
    if (a.type === 'circle') return { kind: 'circle', center: a.center, radiusKm: a.radiusKm };
    return { kind: 'geocode', scheme: a.scheme, code: a.code, name: a.description ?? a.code };
  });
}

export function SavedAreas({ current, onAdd }: { current: () => unknown[]; onAdd: (areas: DraftArea[]) => void }) {
  const { t } = useSession();
  const [items, setItems] = useState<SavedArea[]>([]);
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const reload = () => api<{ items: SavedArea[] }>('/api/v1/saved-areas').then((r) => setItems(r.items), () => undefined);
  useEffect(() => void reload(), []);

  const save = async (body: Record<string, unknown>) => {
    setMessage(null);
    try {
      const s = await api<SavedArea>('/api/v1/saved-areas', { method: 'POST', body: { name: name.trim(), ...body } });
      setMessage({ kind: 'ok', text: t('saved.saved', { name: s.name }) });
      setName('');
      await reload();
    } catch (e) {
      setMessage({ kind: 'error', text: t('error.generic', { message: e instanceof ApiProblem ? e.message : String(e) }) });
    }
  };

  const upload = async (file: File | undefined) => {
    if (!file) return;
    const read = await readAreaFile(file);
    if ('error' in read) return setMessage({ kind: 'error', text: t(read.error === 'notJson' ? 'saved.notJson' : 'saved.notShapefile') });
    await save({ geojson: read.geojson });
  };

  const picked = items.find((s) => s.id === chosen);
  const areas = current();
  return (
    <div className="saved-areas" data-testid="saved-areas">
      <h3>{t('saved.title')}</h3>
      <div className="fields">
        <label>{t('saved.name')}
          <input value={name} maxLength={100} onChange={(e) => setName(e.target.value)} data-testid="saved-name" />
        </label>
        <button type="button" className="secondary-dark" disabled={!name.trim() || areas.length === 0} onClick={() => void save({ areas })} data-testid="saved-save">{t('saved.save')}</button>
        <label>{t('saved.upload')}
          <input type="file" accept=".geojson,.json,.zip,application/geo+json,application/json,application/zip" disabled={!name.trim()} onChange={(e) => void upload(e.target.files?.[0])} data-testid="saved-upload" />
        </label>
      </div>
      <div className="fields">
        <label>{t('saved.list')}
          <select value={chosen} onChange={(e) => setChosen(e.target.value)} data-testid="saved-list">
            <option value="">{t('draft.pickNone')}</option>
            {items.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </label>
        <button type="button" className="secondary-dark" disabled={!picked} onClick={() => picked && onAdd(toDraftAreas(picked.areas))} data-testid="saved-add">{t('saved.add')}</button>
      </div>
      {message && <p className={message.kind === 'ok' ? 'notice' : 'error'} role={message.kind === 'ok' ? 'status' : 'alert'}>{message.text}</p>}
    </div>
  );
}
