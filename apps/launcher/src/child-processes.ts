import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import readline from 'node:readline';
import type { Readable } from 'node:stream';

export interface ServiceExit {
  name: string;
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServiceProcess {
  name: string;
  exited: Promise<ServiceExit>;
  isRunning(): boolean;
  // Sends `signal` now, without waiting; for the launcher's last-resort 'exit' handler.
  signal(signal: NodeJS.Signals): void;
  // Sends `signal`, then SIGKILL if the process is still there after `graceMs`.
  stop(signal: NodeJS.Signals, graceMs: number): Promise<ServiceExit>;
}

export interface ServiceOptions {
  name: string;
  script: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  // Receives every output line, already prefixed with `[name] `.
  out: (line: string) => void;
  err: (line: string) => void;
}

// Runs `script` with this Node, prefixing its output. The child gets its own process group, so a
// Ctrl-C in the terminal reaches only the launcher, which passes on exactly one signal: a second
// SIGINT would end a Nest app in the middle of its shutdown hooks.
export function startService(opts: ServiceOptions): ServiceProcess {
  const child = spawn(process.execPath, [opts.script], {
    cwd: opts.cwd,
    env: opts.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const prefix = `[${opts.name}] `;
  forwardLines(child.stdout, (line) => opts.out(prefix + line));
  forwardLines(child.stderr, (line) => opts.err(prefix + line));

  let running = true;
  const exited = new Promise<ServiceExit>((resolve) => {
    child.once('error', (e) => {
      opts.err(`${prefix}could not start: ${e.message}`);
      running = false;
      resolve({ name: opts.name, code: null, signal: null });
    });
    child.once('exit', (code, signal) => {
      running = false;
      resolve({ name: opts.name, code, signal });
    });
  });

  return {
    name: opts.name,
    exited,
    isRunning: () => running,
    signal: (signal) => {
      if (running) child.kill(signal);
    },
    stop: async (signal, graceMs) => {
      if (running) child.kill(signal);
      const timer = setTimeout(() => {
        if (running) child.kill('SIGKILL');
      }, graceMs);
      const exit = await exited;
      clearTimeout(timer);
      return exit;
    },
  };
}

// How an exit reads in the log: "exited with code 1", "was killed by SIGKILL".
export function describeExit(exit: ServiceExit): string {
  if (exit.signal) return `${exit.name} was ended by ${exit.signal}`;
  if (exit.code === null) return `${exit.name} could not be started`;
  return `${exit.name} exited with code ${exit.code}`;
}

// A service stopped cleanly if it ended with code 0, by the signal it was sent (Nest re-raises it
// after its shutdown hooks), or with the shell's 128 + signal number for it.
export function stoppedCleanly(exit: ServiceExit, sent: NodeJS.Signals): boolean {
  return exit.code === 0 || exit.signal === sent || exit.code === 128 + constants.signals[sent];
}

function forwardLines(stream: Readable | null, write: (line: string) => void): void {
  if (!stream) return;
  readline.createInterface({ input: stream, crlfDelay: Infinity }).on('line', write);
}
