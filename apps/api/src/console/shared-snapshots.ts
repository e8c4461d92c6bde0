// One computation per key and window, shared by every event stream that asks for it: a
// hundred operators of one region watching the dashboard cost the database what one does.
// The promise itself is kept, so streams that tick while it is computed wait for the same answer;
// a failure is not kept, so the next tick tries again.
export class SharedSnapshots {
  private readonly entries = new Map<string, { at: number; value: Promise<unknown> }>();

  constructor(
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
    // Past this many keys the oldest are forgotten (territories × watched alerts is small).
    private readonly maxKeys = 1000,
  ) {}

  get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const now = this.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.maxAgeMs) return hit.value as Promise<T>;
    const value = compute();
    this.entries.delete(key);
    this.entries.set(key, { at: now, value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxKeys) break;
      this.entries.delete(oldest);
    }
    return value;
  }
}
