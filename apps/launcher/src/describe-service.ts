// What the launcher may print about a server: where it is, never who logs in or with what.
export function describePostgresUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname === '/' ? '' : decodeURIComponent(u.pathname)}`;
  } catch {
    return '(unparsable URL)';
  }
}

export function describeRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    const db = u.pathname.length > 1 ? u.pathname : '';
    return `${u.protocol === 'rediss:' ? 'TLS ' : ''}${u.hostname}:${u.port || '6379'}${db}`;
  } catch {
    return '(unparsable URL)';
  }
}
