import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

// A push service on the loopback for the web-push specs: it keeps every request and answers
// 201, or what answer() was told for a path (410 Gone, say).
export interface ReceivedPush {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface PushService {
  base: string;
  received: ReceivedPush[];
  answer: Map<string, number>;
  to(name: string): ReceivedPush[];
  close(): Promise<void>;
}

export async function startPushService(): Promise<PushService> {
  const received: ReceivedPush[] = [];
  const answer = new Map<string, number>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      res.statusCode = answer.get(req.url ?? '') ?? 201;
      res.end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    answer,
    // What reached the subscription whose endpoint is `${base}/push/${name}`.
    to: (name) => received.filter((r) => r.path === `/push/${name}`),
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
