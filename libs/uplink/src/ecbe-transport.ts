import type { EcbeCbcMessage } from './ecbe-message';
import { UplinkError } from './uplink-error';

// What a CBC answered: osmo-cbc answers plain text with no Content-Type, an empty body on the
// 200 it gives when no peer acknowledged in time.
export interface EcbeResponse {
  status: number;
  body: string;
}

// The two operations the ECBE API has (osmo-cbc 0.5.3: no GET, no status, no update), and a
// probe of the CBC's REST server for the route's liveness.
export interface EcbeTransport {
  post(message: EcbeCbcMessage): Promise<EcbeResponse>;
  delete(messageId: number): Promise<EcbeResponse>;
  // A GET, which ECBE does not have: the server's own 404 says it is there, with no side effect
  // (a POST of nothing would be logged as an error by the CBC, a DELETE could remove a message).
  probe(timeoutMs: number): Promise<EcbeResponse>;
}

export interface HttpEcbeTransportOptions {
  // osmo-cbc holds a POST until every peer answered or its 15 s timer fired, and a DELETE
  // likewise (observed up to 10 s): the defaults wait past both.
  postTimeoutMs?: number;
  deleteTimeoutMs?: number;
}

const PREFIX = '/api/ecbe/v1';

/** ECBE over HTTP/1.1 to `baseUrl` (scheme, host and port of the CBC's REST interface). */
export function httpEcbeTransport(baseUrl: string, opts: HttpEcbeTransportOptions = {}): EcbeTransport {
  const base = baseUrl.replace(/\/+$/, '');
  const postTimeoutMs = opts.postTimeoutMs ?? 20_000;
  const deleteTimeoutMs = opts.deleteTimeoutMs ?? 20_000;
  return {
    post: (message) =>
      call(`${base}${PREFIX}/message`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message) }, postTimeoutMs),
    delete: (messageId) => call(`${base}${PREFIX}/message/${messageId}`, { method: 'DELETE' }, deleteTimeoutMs),
    probe: (timeoutMs) => call(`${base}${PREFIX}/message`, { method: 'GET' }, timeoutMs),
  };
}

async function call(url: string, init: RequestInit, timeoutMs: number): Promise<EcbeResponse> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    return { status: response.status, body: await response.text() };
  } catch (cause) {
    // AbortSignal.timeout rejects with a DOMException, not an Error in every realm: read its name.
    const timedOut = (cause as { name?: unknown } | null)?.name === 'TimeoutError';
    const why = timedOut ? `no answer within ${timeoutMs} ms` : 'unreachable';
    throw new UplinkError('uplink/transient', `ECBE ${init.method} ${url}: ${why}`, true, { cause });
  }
}
