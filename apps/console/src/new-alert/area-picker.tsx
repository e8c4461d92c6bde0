import { useState } from 'react';
import type { MessageKey } from '../i18n/catalog-en';
import { useSession } from '../session';
import type { DraftArea, PickScheme } from './draft-body';
import type { MapLayers } from './map-layers';

const SCHEMES: PickScheme[] = ['ISTAT_REGION', 'ISTAT_PROVINCE', 'ISTAT_MUNICIPALITY', 'DPC_ALERT_ZONE'];

// An area picked from the lists Faro ships: ISTAT region, province or comune, or a Civil
// Protection alert zone. Comuni (about 7,900) are typed and completed from a datalist.
export function AreaPicker({ layers, onPick }: { layers: MapLayers; onPick: (a: DraftArea) => void }) {
  const { t } = useSession();
  const [scheme, setScheme] = useState<PickScheme>('ISTAT_PROVINCE');
  const [choice, setChoice] = useState('');
  const options: Array<{ code: string; label: string }> =
    scheme === 'ISTAT_MUNICIPALITY'
      ? layers.comuni.map(([code, name, sigla]) => ({ code, label: `${name} (${sigla})` }))
      : (scheme === 'ISTAT_REGION' ? layers.regions : scheme === 'ISTAT_PROVINCE' ? layers.provinces : layers.zones).features
          .map((f) => ({ code: f.properties.code, label: f.properties.sigla ? `${f.properties.name} (${f.properties.sigla})` : scheme === 'DPC_ALERT_ZONE' ? `${f.properties.code} ${f.properties.name}` : f.properties.name }))
          .sort((a, b) => a.label.localeCompare(b.label));
  const picked = options.find((o) => (scheme === 'ISTAT_MUNICIPALITY' ? o.label === choice : o.code === choice));
  return (
    <div className="picker fields">
      <label>{t('draft.pickScheme')}
        <select value={scheme} onChange={(e) => { setScheme(e.target.value as PickScheme); setChoice(''); }} data-testid="pick-scheme">
          {SCHEMES.map((s) => <option key={s} value={s}>{t(`draft.scheme.${s}` as MessageKey)}</option>)}
        </select>
      </label>
      {scheme === 'ISTAT_MUNICIPALITY' ? (
        <label>{t('draft.pickComune')}
          <input list="comuni" value={choice} onChange={(e) => setChoice(e.target.value)} data-testid="pick-item" />
          <datalist id="comuni">{options.map((o) => <option key={o.code} value={o.label} />)}</datalist>
        </label>
      ) : (
        <label>{t('draft.pickArea')}
          <select value={choice} onChange={(e) => setChoice(e.target.value)} data-testid="pick-item">
            <option value="">{t('draft.pickNone')}</option>
            {options.map((o) => <option key={o.code} value={o.code}>{o.label}</option>)}
          </select>
        </label>
      )}
      <button type="button" className="secondary-dark" disabled={!picked} onClick={() => picked && (onPick({ kind: 'geocode', scheme, code: picked.code, name: picked.label }), setChoice(''))} data-testid="pick-add">
        {t('draft.pickAdd')}
      </button>
    </div>
  );
}
