// TypeORM answers an UPDATE or a DELETE on PostgreSQL with [rows, affected count] and any other
// statement with its rows: the two shapes are read here, nowhere else.

export function affectedRows(result: unknown): number {
  return Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) ? Number(result[1]) : 0;
}

export function returnedRows<T = Record<string, any>>(result: unknown): T[] {
  if (!Array.isArray(result)) return [];
  return result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number' ? (result[0] as T[]) : (result as T[]);
}
