import { OnAirCells } from './on-air-cells';

describe('OnAirCells (a message on air at a simulated gateway)', () => {
  it('answers per cell until when it is on air, a later transmission deciding', () => {
    const onAir = new OnAirCells();
    onAir.add(['A', 'B'], 1_000);
    onAir.add(['B', 'C'], 2_000);
    expect([onAir.untilOf('A'), onAir.untilOf('B'), onAir.untilOf('C'), onAir.untilOf('D')]).toEqual([1_000, 2_000, 2_000, undefined]);
    // Added after a question: indexed at the next one, still in order.
    onAir.add(['A'], 3_000);
    onAir.add(['A'], 500);
    expect(onAir.untilOf('A')).toBe(500);
    expect(onAir.size).toBe(3);
  });

  it('forgets the cells a kill stopped, and is empty once all are', () => {
    const onAir = new OnAirCells();
    onAir.add(['A', 'B'], 1_000);
    onAir.delete(['A', 'X']);
    expect([onAir.has('A'), onAir.has('B'), onAir.size]).toEqual([false, true, 1]);
    onAir.add(['A'], 4_000);
    expect(onAir.untilOf('A')).toBe(4_000);
    onAir.delete(['A', 'B']);
    expect(onAir.size).toBe(0);
  });
});
