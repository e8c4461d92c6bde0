import { CONFIG_VARIABLES, FaroConfig } from './config-schema';

export class ConfigError extends Error {
  constructor(
    readonly code: 'config/invalid',
    message: string,
    readonly variables: string[],
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

// Validates every variable at once so one start-up names every problem.
export function loadConfig(env: Record<string, string | undefined>): FaroConfig {
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  const names: string[] = [];
  for (const [name, v] of Object.entries(CONFIG_VARIABLES)) {
    const raw = env[name] === '' ? undefined : env[name];
    const parsed = v.schema.safeParse(raw);
    if (parsed.success) {
      out[name] = parsed.data;
    } else {
      names.push(name);
      const why = raw === undefined ? 'is required' : parsed.error.issues.map((i) => i.message).join('; ');
      problems.push(`${name} ${why}`);
    }
  }
  if (problems.length > 0) {
    throw new ConfigError('config/invalid', `Invalid configuration: ${problems.join(', ')}`, names);
  }
  return Object.freeze(out) as FaroConfig;
}

// What may be logged: secrets are replaced, URLs keep only their host.
export function redactConfig(config: FaroConfig): Record<string, unknown> {
  const shown: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(CONFIG_VARIABLES)) {
    const value = (config as Record<string, unknown>)[name];
    if (value === undefined) continue;
    shown[name] = 'secret' in v && v.secret ? redactSecret(value) : value;
  }
  return shown;
}

function redactSecret(value: unknown): string {
  if (typeof value === 'string' && /^[a-z]+:\/\//.test(value)) {
    try {
      const u = new URL(value);
      return `${u.protocol}//${u.hostname}:${u.port || 'default'} (credentials redacted)`;
    } catch {
      return '[redacted]';
    }
  }
  return '[redacted]';
}

// For a process entry point: the validated config, or exit 2 with the message naming what is wrong.
export function loadConfigOrExit(processName: string, env: Record<string, string | undefined> = process.env): FaroConfig {
  try {
    return loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`${processName}: ${e.message}`);
      process.exit(2);
    }
    throw e;
  }
}
