import { PackedCellIds } from './packed-cell-ids';

describe('PackedCellIds', () => {
  // Ids like the inventory's, of several lengths, in no particular order.
  const ids = Array.from({ length: 5000 }, (_, i) => `T-222-0${1 + (i % 4)}-${(i * 7919) % 100_003}`);
  const set = PackedCellIds.fromJoined(ids.join(','));

  it('holds every id it was given and no other: prefixes, extensions, case and a joined pair are not ids', () => {
    expect(set.size).toBe(ids.length);
    expect(ids.every((id) => set.has(id))).toBe(true);
    for (const other of ['', 'T', 'T-222', `${ids[0]}0`, ids[0].slice(0, -1), `${ids.at(-1)}x`, 'S-IT-0042', ids[7].toLowerCase(), `${ids[100]},${ids[101]}`]) {
      expect([other, set.has(other)]).toEqual([other, false]);
    }
    // A small table (8 ids in 16 slots) still answers, its probes wrapping around its end.
    const dense = Array.from({ length: 8 }, (_, i) => `c${i}`);
    const small = PackedCellIds.fromJoined(dense.join(','));
    expect([dense.every((id) => small.has(id)), small.has('c8'), small.has('c')]).toEqual([true, false, false]);
  });

  it('finds ids beyond ASCII by their UTF-8 bytes', () => {
    const wide = ['a', 'é', 'Ａ', '😀', 'cella-è-1'];
    const s = PackedCellIds.fromJoined(wide.join(','));
    expect(wide.map((w) => s.has(w))).toEqual([true, true, true, true, true]);
    expect([s.has('e'), s.has('cella-e-1'), s.has('😁')]).toEqual([false, false, false]);
  });

  it('is empty for an empty string, and says so', () => {
    const empty = PackedCellIds.fromJoined('');
    expect([empty.size, empty.has(''), empty.has('T-1')]).toEqual([0, false, false]);
  });

  it('refuses an id given twice or empty, and a separator of more than one byte', () => {
    expect(() => PackedCellIds.fromJoined('b,a,b')).toThrow('cell id b is given twice');
    expect(() => PackedCellIds.fromJoined('a,,b')).toThrow(/empty/);
    expect(() => PackedCellIds.fromJoined('a,')).toThrow(/empty/);
    expect(() => PackedCellIds.fromJoined('a,b', ', ')).toThrow(/one byte/);
    expect(PackedCellIds.fromJoined('a;b', ';').has('b')).toBe(true);
  });

  it('costs the ids\' bytes and 8 to 16 more a cell', () => {
    const joined = ids.join(',');
    expect(set.byteLength).toBeLessThanOrEqual(Buffer.byteLength(joined) + 4 * (ids.length + 1) + 4 * 16_384);
  });
});
