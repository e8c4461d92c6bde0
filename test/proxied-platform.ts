import { Client } from 'pg';
import { PgFaultProxy } from './pg-fault-proxy';
import { cloneTestDatabase, dropDatabase, startPlatform, type Platform } from './platform';

export interface ProxiedPlatform {
  // The platform's own database, reached directly.
  url: string;
  proxy: PgFaultProxy;
  platform: Platform;
  // The spec's connection, direct: it sees the database while the platform cannot.
  db: Client;
}

// A platform on a database of its own that its API (and worker) reach only through a fault proxy
// the spec refuses, freezes and resumes; started in beforeAll, everything undone in afterAll.
export function useProxiedPlatform(settings: Record<string, string>, opts: { worker?: boolean } = {}): ProxiedPlatform {
  const p = {} as ProxiedPlatform;
  beforeAll(async () => {
    p.url = await cloneTestDatabase();
    p.proxy = PgFaultProxy.forUrl(p.url);
    await p.proxy.start();
    p.platform = await startPlatform({ ...settings, DATABASE_URL: p.proxy.urlFor(p.url) }, opts);
    p.db = new Client({ connectionString: p.url });
    await p.db.connect();
  });
  afterAll(async () => {
    await p.proxy?.resume();
    await p.platform?.stop();
    await p.db?.end();
    await p.proxy?.close();
    if (p.url) await dropDatabase(p.url);
  });
  return p;
}
