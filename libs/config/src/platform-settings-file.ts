import fs from 'node:fs';
import path from 'node:path';

// `npm start` chooses the database itself (a local server or an embedded one with a generated
// password) and may generate the development KEK: it writes where they are to .faro/platform.json
// (mode 0600, no secret in it but the database URL an embedded server needs) so that
// `npm run faro` finds the running platform without anyone copying URLs and passwords around.
export const PLATFORM_SETTINGS_FILE = 'platform.json';

export interface PlatformSettings {
  DATABASE_URL: string;
  // Relative to the checkout: the development KEK file, when the platform uses one.
  kekFile: string | null;
  startedAt: string;
}

export function writePlatformSettings(faroDir: string, settings: PlatformSettings): void {
  fs.mkdirSync(faroDir, { recursive: true });
  const file = path.join(faroDir, PLATFORM_SETTINGS_FILE);
  fs.writeFileSync(file, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}

// What an unset DATABASE_URL and FARO_KEK become for a process started in `root` (the CLI): the
// running platform's, when `npm start` left its settings; variables already set always win.
export function withPlatformSettings(env: Record<string, string | undefined>, root: string): { env: Record<string, string | undefined>; from: string | null } {
  const file = path.join(root, '.faro', PLATFORM_SETTINGS_FILE);
  if ((env.DATABASE_URL && env.FARO_KEK) || !fs.existsSync(file)) return { env, from: null };
  const s = JSON.parse(fs.readFileSync(file, 'utf8')) as PlatformSettings;
  const next = { ...env };
  if (!next.DATABASE_URL) next.DATABASE_URL = s.DATABASE_URL;
  if (!next.FARO_KEK && s.kekFile) next.FARO_KEK = fs.readFileSync(path.resolve(root, s.kekFile), 'utf8').trim();
  return { env: next, from: file };
}
