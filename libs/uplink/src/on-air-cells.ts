/**
 * The cells one message is on air in at a simulated gateway, and until when (epoch ms). A
 * transmission adds its cells as one run, in O(1); they are indexed cell by cell only when
 * something asks about a cell, which is a kill, and rare. Indexing every cell of a national alert
 * as it went out cost the worker 0.4 s and a Map entry per cell (issue 15, target 3).
 */
export class OnAirCells {
  private readonly until = new Map<string, number>();
  private runs: Array<{ cells: readonly string[]; untilMs: number }> = [];

  /** A later transmission to a cell decides its end, as if set cell by cell in order. */
  add(cells: readonly string[], untilMs: number): void {
    this.runs.push({ cells, untilMs });
  }

  untilOf(cellId: string): number | undefined {
    return this.indexed().get(cellId);
  }

  has(cellId: string): boolean {
    return this.indexed().has(cellId);
  }

  delete(cellIds: readonly string[]): void {
    const until = this.indexed();
    for (const cellId of cellIds) until.delete(cellId);
  }

  get size(): number {
    return this.indexed().size;
  }

  private indexed(): Map<string, number> {
    if (this.runs.length > 0) {
      for (const run of this.runs) for (const cellId of run.cells) this.until.set(cellId, run.untilMs);
      this.runs = [];
    }
    return this.until;
  }
}
