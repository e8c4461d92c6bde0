export interface ApiUrls {
  // Where the launcher asks /health: a wildcard bind address is reached through loopback.
  health: string;
  // What a person opens in a browser.
  open: string;
}

const WILDCARDS = new Set(['0.0.0.0', '::', '[::]']);
const LOOPBACKS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function apiUrls(host: string, port: number): ApiUrls {
  const bracketed = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  if (WILDCARDS.has(host)) return { health: `http://127.0.0.1:${port}/health`, open: `http://localhost:${port}` };
  if (LOOPBACKS.has(host)) return { health: `http://${bracketed}:${port}/health`, open: `http://localhost:${port}` };
  return { health: `http://${bracketed}:${port}/health`, open: `http://${bracketed}:${port}` };
}

// Polls `url` until it answers 2xx (true), `timeoutMs` passes or `keepTrying` says stop (false).
export async function waitForHealth(url: string, timeoutMs: number, keepTrying: () => boolean): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && keepTrying()) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}
