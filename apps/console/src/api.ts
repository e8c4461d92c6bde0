// The console's one door to Faro's HTTP API: same origin, the session cookie, and the CSRF token
// (from login or GET /api/v1/auth/me) on every unsafe request. Errors arrive as problem+json.

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds: number | null,
  ) {
    super(message);
    this.name = 'ApiProblem';
  }
}

let csrfToken: string | null = null;
let onUnauthenticated: () => void = () => undefined;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

// Called when a signed-in call answers 401: the session expired or was ended elsewhere.
export function whenUnauthenticated(handler: () => void): void {
  onUnauthenticated = handler;
}

export async function api<T>(path: string, init: { method?: string; body?: unknown; quiet401?: boolean } = {}): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const r = await fetch(path, { method, headers, body: init.body === undefined ? undefined : JSON.stringify(init.body), credentials: 'same-origin' });
  if (r.status === 204) return undefined as T;
  const body = await r.json().catch(() => ({}));
  if (!r.ok) {
    const retry = Number(r.headers.get('retry-after'));
    const problem = new ApiProblem(r.status, body.code ?? `http/${r.status}`, body.detail ?? body.title ?? r.statusText, Number.isFinite(retry) && retry > 0 ? retry : null);
    if (r.status === 401 && !init.quiet401) onUnauthenticated();
    throw problem;
  }
  return body as T;
}

export interface User {
  id: string;
  email: string;
  displayName: string;
  roles: string[];
  jurisdictionId: string;
  totp: 'none' | 'pending' | 'enrolled';
}
