import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';

// COPY FROM STDIN in PostgreSQL's text format: the fastest bulk write (see YARDSTICK.md).
// Values must not contain tabs, newlines or backslashes; callers write ids and numbers only.
export async function copyRows(client: unknown, table: string, columns: string[], rows: Iterable<ReadonlyArray<string | number | null>>): Promise<void> {
  const stream = (client as { query: (s: unknown) => NodeJS.WritableStream }).query(
    copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`),
  );
  async function* lines() {
    let chunk: string[] = [];
    for (const row of rows) {
      chunk.push(row.map((v) => (v === null ? '\\N' : String(v))).join('\t'));
      if (chunk.length === 5000) {
        yield chunk.join('\n') + '\n';
        chunk = [];
      }
    }
    if (chunk.length) yield chunk.join('\n') + '\n';
  }
  await pipeline(Readable.from(lines()), stream);
}
