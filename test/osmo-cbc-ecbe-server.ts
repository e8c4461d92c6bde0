import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EcbeCbcSimulator, type EcbeActiveMessage, type EcbeCbcSettings } from '@faro/uplink';

// A local stand-in for osmo-cbc's ECBE REST interface on a port of its own: the CBC of
// libs/uplink/src/ecbe-cbc-simulator.ts (the one apps/uplink-sim serves too) behind node:http,
// answering plain text with no Content-Type as 0.5.3 (ulfius) does. The delays are options so
// that specs run in milliseconds.

export type EcbeServerOptions = Partial<EcbeCbcSettings>;

export interface ReceivedRequest {
  method: string;
  path: string;
  body: unknown;
  status: number;
  contentType: string | undefined;
  at: number;
}

export type ActiveMessage = EcbeActiveMessage;

export interface EcbeServer {
  url: string;
  requests: ReceivedRequest[];
  active: Map<number, ActiveMessage>;
  options: EcbeCbcSettings;
  close(): Promise<void>;
}

export async function startEcbeServer(options: EcbeServerOptions = {}): Promise<EcbeServer> {
  const requests: ReceivedRequest[] = [];
  const cbc = new EcbeCbcSimulator({ ackDelayMs: 50, ...options });

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      void cbc.handle(req.method ?? '', req.url ?? '', raw).then(({ status, text }) => {
        // Node sets no Content-Type of its own; osmo-cbc (ulfius) sends none either.
        res.statusCode = status;
        res.end(text);
        requests.push({ method: req.method ?? '', path: req.url ?? '', body: jsonOrText(raw), status, contentType: res.getHeader('content-type') as string | undefined, at: Date.now() });
      });
    });
  });

  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    active: cbc.active,
    options: cbc.settings,
    close: async () => {
      cbc.close();
      server.closeAllConnections();
      await new Promise((ok) => server.close(ok));
    },
  };
}

function jsonOrText(raw: string): unknown {
  try {
    return raw ? JSON.parse(raw) : undefined;
  } catch {
    return raw;
  }
}
