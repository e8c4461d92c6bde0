import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { ReplayMemory, ReplayMemoryError, type ReplayMemoryOptions } from '@faro/handset';

// handset:verify --seen <file>: the handset's ReplayMemory kept between runs. A missing file is an
// empty memory (the first run); a file that is there but unreadable or damaged is an error, since
// starting empty would accept a replay of everything it held.
export function loadReplayMemory(path: string, options: ReplayMemoryOptions): ReplayMemory {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return new ReplayMemory(options);
    throw new Error(`--seen: cannot read ${path}: ${messageOf(e)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`--seen: ${path} is not JSON (${messageOf(e)}); remove it only if no replay should be refused`);
  }
  try {
    return ReplayMemory.fromJSON(json, options);
  } catch (e) {
    if (e instanceof ReplayMemoryError) throw new Error(`--seen: ${path}: ${e.code}: ${e.message}`);
    throw e;
  }
}

// Written beside the file, synced, then renamed over it: a crash leaves the old memory or the new
// one, never half of one (rename within a directory is atomic on POSIX file systems).
export function saveReplayMemory(path: string, memory: ReplayMemory): void {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    const fd = openSync(temp, 'w');
    try {
      writeSync(fd, `${JSON.stringify(memory)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (e) {
    rmSync(temp, { force: true });
    throw new Error(`--seen: cannot write ${path}: ${messageOf(e)}`);
  }
}

// Not `instanceof Error`: an error from node:fs is not one inside jest's sandbox.
function messageOf(e: unknown): string {
  const message = (e as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(e);
}
