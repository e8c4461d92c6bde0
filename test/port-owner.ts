import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

// Whether the process `pid` is the one listening on 127.0.0.1:`port` (Linux: a LISTEN socket of
// /proc/net/tcp whose inode is among the process's open files). A platform's port is picked free
// and then bound seconds later, once the API has loaded; meanwhile another platform, started
// by the other queue backend's pass, can be handed the same port. Its /health answers, and every
// request would then reach the other platform's database.
export function listensOn(pid: number, port: number): boolean {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    // local_address is f[1] (addr:port), st is f[3] ('0A' = LISTEN), inode is f[9].
    if (f.length > 9 && f[1].endsWith(`:${hexPort}`) && f[3] === '0A') inodes.add(f[9]);
  }
  if (inodes.size === 0) return false;
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      const target = safeReadlink(`/proc/${pid}/fd/${fd}`);
      const m = target && /^socket:\[(\d+)\]$/.exec(target);
      if (m && inodes.has(m[1])) return true;
    }
  } catch {
    return false;
  }
  return false;
}

function safeReadlink(path: string): string | null {
  try {
    return readlinkSync(path);
  } catch {
    return null;
  }
}
