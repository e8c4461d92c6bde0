// The cells an operator's CBC serves, as the ECBE route asks of them: how many, and whether one
// is among them. A national inventory's terrestrial cells held as strings in arrays, with a Map
// from each to its CBC, cost a worker ~100 MB at a million cells (measured: 73 MB of strings,
// 29 MB of Map). Here they are their UTF-8 bytes end to end, an offset each, and an open-addressing
// table of their hashes: ~32 MB, a lookup ~0.2 µs (every cell of every batch is looked up).
export interface CellIdSet {
  readonly size: number;
  has(cellId: string): boolean;
}

export class PackedCellIds implements CellIdSet {
  private readonly bytes: Buffer;
  // Where id i starts; it ends where id i + 1 starts, less the separator.
  private readonly starts: Uint32Array;
  // Linear probing over a power of two at least twice the ids: id index + 1, 0 for a free slot.
  private readonly slots: Uint32Array;

  // The ids joined by one separator; no id holds it (the inventory's never hold a comma: the
  // batches' cells are sent joined by one too). An empty id, or one given twice, is refused.
  static fromJoined(joined: string, separator = ','): PackedCellIds {
    if (Buffer.byteLength(separator) !== 1) throw new Error('the separator must be one byte');
    return new PackedCellIds(Buffer.from(joined, 'utf8'), separator.charCodeAt(0));
  }

  private constructor(bytes: Buffer, separator: number) {
    this.bytes = bytes;
    let count = bytes.length === 0 ? 0 : 1;
    for (let i = 0; i < bytes.length; i++) if (bytes[i] === separator) count++;
    this.starts = new Uint32Array(count + 1);
    for (let i = 0, n = 1; i < bytes.length; i++) if (bytes[i] === separator) this.starts[n++] = i + 1;
    this.starts[count] = bytes.length + 1;
    let capacity = 16;
    while (capacity < 2 * count) capacity *= 2;
    this.slots = new Uint32Array(capacity);
    for (let id = 0; id < count; id++) {
      const start = this.starts[id];
      const end = this.end(id);
      if (end === start) throw new Error(`cell id ${id} is empty`);
      let h = hashBytes(bytes, start, end);
      for (;;) {
        const slot = h & (capacity - 1);
        const taken = this.slots[slot];
        if (taken === 0) {
          this.slots[slot] = id + 1;
          break;
        }
        if (this.sameBytes(taken - 1, bytes, start, end)) throw new Error(`cell id ${bytes.toString('utf8', start, end)} is given twice`);
        h = slot + 1;
      }
    }
  }

  get size(): number {
    return this.starts.length - 1;
  }

  has(cellId: string): boolean {
    // An ASCII id (the inventory's) is its own UTF-8 bytes: hashed and compared without encoding.
    const encoded = isAscii(cellId) ? null : Buffer.from(cellId, 'utf8');
    const mask = this.slots.length - 1;
    for (let h = encoded ? hashBytes(encoded, 0, encoded.length) : hashAscii(cellId); ; h = (h & mask) + 1) {
      const taken = this.slots[h & mask];
      if (taken === 0) return false;
      if (encoded ? this.sameBytes(taken - 1, encoded, 0, encoded.length) : this.sameAscii(taken - 1, cellId)) return true;
    }
  }

  get byteLength(): number {
    return this.bytes.byteLength + this.starts.byteLength + this.slots.byteLength;
  }

  private end(id: number): number {
    return this.starts[id + 1] - 1;
  }

  private sameBytes(id: number, other: Uint8Array, start: number, end: number): boolean {
    const from = this.starts[id];
    if (this.end(id) - from !== end - start) return false;
    for (let k = 0; k < end - start; k++) if (this.bytes[from + k] !== other[start + k]) return false;
    return true;
  }

  private sameAscii(id: number, s: string): boolean {
    const from = this.starts[id];
    if (this.end(id) - from !== s.length) return false;
    for (let k = 0; k < s.length; k++) if (this.bytes[from + k] !== s.charCodeAt(k)) return false;
    return true;
  }
}

// FNV-1a, 32 bits, over the same bytes whichever way they are given.
function hashBytes(b: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ b[i], 0x01000193);
  return h >>> 0;
}

function hashAscii(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}
