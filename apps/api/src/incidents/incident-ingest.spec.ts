import { AlertError } from '@faro/alerts';
import type { DraftingPool } from '../drafting/drafting-pool';
import { INLINE_JSON_BYTES, IncidentIngest } from './incident-ingest';

const now = new Date('2026-12-07T09:00:00Z');
const incident = (text = 'Esercitazione: piena del Simeto.') => ({
  hazard: 'flood',
  severity: 'Severe',
  urgency: 'Expected',
  certainty: 'Likely',
  status: 'Exercise',
  areas: [{ type: 'geocode', scheme: 'ISTAT_MUNICIPALITY', code: '087015' }],
  languages: [{ language: 'it-IT', text }],
  expires: '2026-12-07T18:00:00Z',
});

// The drafting pool as far as JSON goes: what it was handed, and the same parse it would run.
function ingestWithPool() {
  const handed: unknown[] = [];
  const pool = {
    readJson: async (body: unknown) => {
      handed.push(body);
      return { threaded: true } as never;
    },
  } as unknown as DraftingPool;
  return { ingest: new IncidentIngest(pool), handed };
}

describe('IncidentIngest, JSON', () => {
  it('reads a small incident on the event loop, without the drafting thread', async () => {
    const { ingest, handed } = ingestWithPool();
    const json = incident();
    const read = await ingest.read('json', { json, bytes: Buffer.from(JSON.stringify(json)) }, now, 'faro-sensor:s-1');
    expect(handed).toEqual([]);
    expect(read.draft).toMatchObject({ hazard: 'flood', status: 'Exercise' });
  });

  it('hands a larger one, or one whose bytes are unknown, to a drafting thread', async () => {
    const { ingest, handed } = ingestWithPool();
    const big = incident('x'.repeat(INLINE_JSON_BYTES));
    await ingest.read('json', { json: big, bytes: Buffer.from(JSON.stringify(big)) }, now, 'faro-api');
    const small = incident();
    await ingest.read('json', { json: small, bytes: undefined }, now, 'faro-api');
    expect(handed).toEqual([big, small]);
  });

  it('refuses a bad small incident with the typed error the thread would have rebuilt', async () => {
    const { ingest } = ingestWithPool();
    const json = { ...incident(), severity: 'Apocalyptic' };
    const read = ingest.read('json', { json, bytes: Buffer.from(JSON.stringify(json)) }, now, 'faro-api');
    await expect(read).rejects.toBeInstanceOf(AlertError);
  });
});
