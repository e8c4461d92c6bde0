import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nextRestartDelay, RESTART_MAX_MS, RESTART_MIN_MS, STABLE_AFTER_MS } from './restart-backoff';
import { superviseService } from './supervised-service';

describe('nextRestartDelay', () => {
  it('restarts a first crash after a second, and doubles while it keeps dying at once', () => {
    expect(nextRestartDelay(null, 500)).toBe(RESTART_MIN_MS);
    expect(nextRestartDelay(1_000, 500)).toBe(2_000);
    expect(nextRestartDelay(16_000, 500)).toBe(RESTART_MAX_MS);
    expect(nextRestartDelay(RESTART_MAX_MS, 500)).toBe(RESTART_MAX_MS);
  });

  it('starts again from a second after a run of a minute or more', () => {
    expect(nextRestartDelay(RESTART_MAX_MS, STABLE_AFTER_MS)).toBe(RESTART_MIN_MS);
  });
});

describe('superviseService', () => {
  const waitFor = async (check: () => boolean, ms = 10_000) => {
    const until = Date.now() + ms;
    while (!check()) {
      if (Date.now() > until) throw new Error('not reached in time');
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it('starts a service again after it is killed, and not after it is stopped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faro-supervise-'));
    const starts = join(dir, 'starts');
    writeFileSync(starts, '');
    // Each start appends a line, then the process idles until it is killed.
    const script = join(dir, 'service.js');
    writeFileSync(script, `require('fs').appendFileSync(${JSON.stringify(starts)}, process.pid + '\\n'); setInterval(() => {}, 1000);`);
    const logs: string[] = [];
    const service = superviseService({ name: 'worker', script, cwd: dir, env: { PATH: process.env.PATH }, out: () => undefined, err: () => undefined, log: (m) => logs.push(m) });
    try {
      const pids = () => readFileSync(starts, 'utf8').split('\n').filter(Boolean).map(Number);
      await waitFor(() => pids().length === 1);
      process.kill(pids()[0], 'SIGKILL');
      await waitFor(() => pids().length === 2);
      expect(service.restarts()).toBe(1);
      expect(logs[0]).toBe('worker was ended by SIGKILL unexpectedly: restarting it in 1 s');
      await waitFor(() => service.isRunning());
      const exit = await service.stop('SIGTERM', 2_000);
      expect(exit.signal).toBe('SIGTERM');
      await new Promise((r) => setTimeout(r, 1_500));
      expect(pids()).toHaveLength(2);
      expect(service.isRunning()).toBe(false);
    } finally {
      await service.stop('SIGKILL', 100);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
