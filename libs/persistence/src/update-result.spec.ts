import { affectedRows, returnedRows } from './update-result';

describe("TypeORM's two answer shapes", () => {
  it('reads an UPDATE or DELETE as [rows, affected]', () => {
    expect(affectedRows([[], 1])).toBe(1);
    expect(affectedRows([[{ id: 1 }, { id: 2 }], 2])).toBe(2);
    expect(returnedRows([[{ id: 1 }, { id: 2 }], 2])).toEqual([{ id: 1 }, { id: 2 }]);
    expect(returnedRows([[], 0])).toEqual([]);
  });

  it('reads any other statement as its rows, with nothing affected', () => {
    expect(returnedRows([{ id: 1 }])).toEqual([{ id: 1 }]);
    expect(returnedRows([{ id: 1 }, { id: 2 }])).toEqual([{ id: 1 }, { id: 2 }]);
    expect(returnedRows([])).toEqual([]);
    expect(affectedRows([{ id: 1 }])).toBe(0);
    expect(affectedRows(undefined)).toBe(0);
  });
});
