import { createServer, connect, type Server, type Socket } from 'node:net';

// A TCP proxy in front of PostgreSQL that a spec can break for ONE platform, never for the
// machine's shared server: `refuse` closes the listener and every connection through it (as a
// stopped or restarting server does), `freeze` keeps connections open and accepts new ones but
// forwards nothing either way (as a frozen server or a silent partition does), `resume`
// forwards again, delivering what waited. A side that closes while frozen takes its peer with
// it and what waited is dropped.
export class PgFaultProxy {
  private server?: Server;
  private frozen = false;
  private readonly pairs = new Set<{ client: Socket; upstream: Socket; flush: () => void }>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  static forUrl(databaseUrl: string): PgFaultProxy {
    const u = new URL(databaseUrl);
    return new PgFaultProxy({ host: u.hostname, port: Number(u.port || 5432) });
  }

  // The same database, reached through the proxy.
  urlFor(databaseUrl: string): string {
    const u = new URL(databaseUrl);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }

  async start(): Promise<void> {
    const server = createServer((client) => this.accept(client));
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(this.port, '127.0.0.1', () => ok());
    });
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  async refuse(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const p of this.pairs) {
      p.client.destroy();
      p.upstream.destroy();
    }
    this.pairs.clear();
    if (server) await new Promise<void>((ok) => server.close(() => ok()));
  }

  freeze(): void {
    this.frozen = true;
  }

  async resume(): Promise<void> {
    this.frozen = false;
    for (const p of this.pairs) p.flush();
    if (!this.server) await this.start();
  }

  async close(): Promise<void> {
    await this.refuse();
  }

  private accept(client: Socket): void {
    const upstream = connect(this.target.port, this.target.host);
    const toServer: Buffer[] = [];
    const toClient: Buffer[] = [];
    const pair = {
      client,
      upstream,
      flush: () => {
        for (const b of toServer.splice(0)) upstream.write(b);
        for (const b of toClient.splice(0)) client.write(b);
      },
    };
    this.pairs.add(pair);
    client.on('data', (b) => (this.frozen ? toServer.push(b) : upstream.write(b)));
    upstream.on('data', (b) => (this.frozen ? toClient.push(b) : client.write(b)));
    const end = () => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end);
    upstream.on('close', end);
    client.on('error', end);
    upstream.on('error', end);
  }
}
