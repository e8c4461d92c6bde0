import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const CLI = resolve(__dirname, '..', 'dist', 'apps', 'cli', 'src', 'main.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

// The built CLI as an administrator runs it: with exactly the environment given (PATH and a quiet
// log added), its exit status, and what it printed, a refusal included.
export async function runFaro(args: string[], env: Record<string, string | undefined>, opts: { entry?: string; cwd?: string } = {}): Promise<CliResult> {
  try {
    const r = await run(process.execPath, [opts.entry ?? CLI, ...args], { env: { PATH: process.env.PATH, LOG_LEVEL: 'warn', ...env }, cwd: opts.cwd });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

// A value the CLI printed on a line of its own: "token: …", "password: …".
export const printed = (out: string, key: string) => new RegExp(`^${key}: (\\S+)$`, 'm').exec(out)?.[1];
