// PostgreSQL text and jsonb cannot hold U+0000: a string carrying it reached the database as an
// error, and the API answered 500 (found by the HTTP fuzz: a description, a login email, an
// audit filter). Requests are refused at the edge instead. Returns the JSON pointer (RFC 6901)
// of the first string or key holding U+0000, or undefined. Iterative, so a deeply nested body
// cannot exhaust the stack.
export function findNulCharacter(value: unknown): string | undefined {
  const pending: Array<[unknown, string]> = [[value, '']];
  while (pending.length > 0) {
    const [v, at] = pending.pop() as [unknown, string];
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return at === '' ? '/' : at;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) pending.push([v[i], `${at}/${i}`]);
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i];
        const here = `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        if (key.includes('\u0000')) return here;
        pending.push([child, here]);
      }
    }
  }
  return undefined;
}
