import { UplinkError } from './uplink-error';

// One exchange with a gateway operator's endpoint: the adapter speaks in these, so it can be
// tested against a fake and run over HTTP/1.1 (below) or anything else that carries JSON.
export interface GatewayRequest {
  method: 'PUT' | 'GET';
  path: string;
  body?: unknown;
  // How long to wait for the answer; the transport's default otherwise.
  timeoutMs?: number;
}

export interface GatewayResponse {
  status: number;
  // The JSON body, or undefined when there was none or it was not JSON.
  body: unknown;
  // Retry-After in seconds, when the answer had one (RFC 9110 §10.2.3: seconds, or a date).
  retryAfterSeconds?: number;
}

export interface GatewayTransport {
  // Throws UplinkError uplink/transient when no answer came (unreachable, reset, timed out).
  send(request: GatewayRequest): Promise<GatewayResponse>;
}

export interface HttpGatewayTransportOptions {
  // A submission waits for the gateway's capacity: a national alert queues seconds behind others.
  timeoutMs?: number;
  // Bearer credential the gateway operator issued (docs/gateway-protocol.md, "Authentication").
  token?: string;
}

/** The gateway protocol over HTTP/1.1 with keep-alive (Node's fetch), to `baseUrl`. */
export function httpGatewayTransport(baseUrl: string, opts: HttpGatewayTransportOptions = {}): GatewayTransport {
  const base = baseUrl.replace(/\/+$/, '');
  const defaultTimeoutMs = opts.timeoutMs ?? 30_000;
  const auth: Record<string, string> = opts.token ? { authorization: `Bearer ${opts.token}` } : {};
  return {
    async send({ method, path, body, timeoutMs = defaultTimeoutMs }) {
      const url = `${base}${path}`;
      try {
        const response = await fetch(url, {
          method,
          headers: { accept: 'application/json, application/problem+json', ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
        });
        const text = await response.text();
        let parsed: unknown;
        try {
          parsed = text.length > 0 ? JSON.parse(text) : undefined;
        } catch {
          parsed = undefined;
        }
        const retryAfterSeconds = retryAfterOf(response.headers.get('retry-after'));
        return { status: response.status, body: parsed, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) };
      } catch (cause) {
        // AbortSignal.timeout rejects with a DOMException, not an Error in every realm: read its name.
        const timedOut = (cause as { name?: unknown } | null)?.name === 'TimeoutError';
        throw new UplinkError('uplink/transient', `gateway ${method} ${path}: ${timedOut ? `no answer within ${timeoutMs} ms` : 'unreachable'}`, true, { cause });
      }
    },
  };
}

// RFC 9110 §10.2.3: delay-seconds or an HTTP-date; anything else is as if absent.
export function retryAfterOf(value: string | null, nowMs = Date.now()): number | undefined {
  if (value === null) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  // An IMF-fixdate names its weekday; Date.parse alone would read '-1' as a year.
  const at = /^[A-Za-z]{3}, /.test(v) ? Date.parse(v) : NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - nowMs) / 1000));
}
