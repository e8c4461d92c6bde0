import { Inject, type Type } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import type { KeyEncryptionPort } from '@faro/broadcast-security';
import { Database, SqlSensorStore } from '@faro/persistence';
import { parseNewSensor, parseRotation, parseSensorChange, RELEASE_POLICIES, type Sensor } from '@faro/sensors';
import { CLI_KEK } from './cli.providers';
import { cliCommand } from './cli-command';

// Whoever runs the CLI has the database and the KEK: the audit trail names them the CLI, and
// their scope is the whole country.
const CLI_ACTOR = 'system:cli';
const CLI_SCOPE = 'IT';

const SIGNING_HELP =
  'sign each request: X-Faro-Timestamp: <Unix seconds>, X-Faro-Signature: sha256=<hex HMAC-SHA256(key = the secret as printed, timestamp + "." + raw body)>';

function summary(s: Sensor): string {
  const auto = s.releasePolicy === 'auto' ? ` when ${JSON.stringify(s.autoRelease)}` : '';
  return `sensor ${s.name} (${s.id}), jurisdiction ${s.jurisdictionId}, policy ${s.releasePolicy}${auto}, ${s.rateLimitPerMinute}/min${s.disabled ? ', disabled' : ''}`;
}

// Options are checked in run(), by the same schemas as the API's, so that a bad one is a
// message and exit status 1 like any other refusal.
function checked<T>(flag: string, v: T): T {
  if (typeof v === 'number' && !Number.isFinite(v)) throw new Error(`${flag} must be a number`);
  if (flag === '--policy' && !(RELEASE_POLICIES as readonly string[]).includes(String(v))) throw new Error(`--policy must be one of ${RELEASE_POLICIES.join(', ')}`);
  return v;
}

abstract class SensorCommand extends CommandRunner {
  constructor(
    protected readonly ds: Database,
    @Inject(CLI_KEK) protected readonly kek: KeyEncryptionPort,
  ) {
    super();
  }

  protected get store(): SqlSensorStore {
    return new SqlSensorStore(this.ds, this.kek);
  }
}

interface CreateOptions {
  name: string;
  jurisdiction: string;
  policy: string;
  autoMinMagnitude?: number;
  autoHazards?: string;
  rateLimit?: number;
}

@Command({ name: 'sensors:create', description: 'Register a sensor; its webhook secret is printed once' })
export class CreateSensorCommand extends SensorCommand {
  async run(_args: string[], o: CreateOptions): Promise<void> {
    await cliCommand(this.ds, async () => {
      checked('--policy', o.policy);
      checked('--auto-min-magnitude', o.autoMinMagnitude);
      checked('--rate-limit', o.rateLimit);
      const autoRelease = {
        ...(o.autoMinMagnitude !== undefined ? { minMagnitude: o.autoMinMagnitude } : {}),
        ...(o.autoHazards ? { hazards: o.autoHazards.split(',').map((h) => h.trim()) } : {}),
      };
      const settings = parseNewSensor({ name: o.name, jurisdictionId: o.jurisdiction, releasePolicy: o.policy, autoRelease, ...(o.rateLimit !== undefined ? { rateLimitPerMinute: o.rateLimit } : {}) });
      const { sensor, issued } = await this.store.createSensor(settings, CLI_ACTOR, CLI_SCOPE);
      console.log(`created ${summary(sensor)}`);
      console.log(`id: ${sensor.id}`);
      console.log(`secret: ${issued.secret}`);
      console.log(`(shown once: hand it to the sensor securely; it is stored only wrapped)\n${SIGNING_HELP}\nPOST /api/v1/sensors/${sensor.id}/incidents`);
    });
  }

  @Option({ flags: '--name <name>', description: 'what the sensor is, e.g. "INGV Etna seismic network"', required: true })
  parseName(v: string) {
    return v;
  }

  @Option({ flags: '--jurisdiction <id>', description: 'where its alerts may go, e.g. IT-R19', required: true })
  parseJurisdiction(v: string) {
    return v;
  }

  @Option({ flags: '--policy <policy>', description: 'auto | approve | record', required: true })
  parsePolicy(v: string) {
    return v;
  }

  @Option({ flags: '--auto-min-magnitude <m>', description: 'auto: release with no human from this magnitude up' })
  parseMinMagnitude(v: string) {
    return Number(v);
  }

  @Option({ flags: '--auto-hazards <list>', description: 'auto: only these hazards, comma-separated (e.g. earthquake,tsunami)' })
  parseHazards(v: string) {
    return v;
  }

  @Option({ flags: '--rate-limit <n>', description: 'requests a minute (default 60)' })
  parseRateLimit(v: string) {
    return Number(v);
  }
}

@Command({ name: 'sensors:rotate-secret', description: 'Issue a new webhook secret, printed once; the old one stays valid for the overlap' })
export class RotateSensorSecretCommand extends SensorCommand {
  async run(_args: string[], o: { id: string; overlapHours?: number }): Promise<void> {
    await cliCommand(this.ds, async () => {
      const { overlapSeconds } = parseRotation({ overlapSeconds: Math.round(checked('--overlap-hours', o.overlapHours ?? 24) * 3600) });
      const r = await this.store.rotateSecret(o.id, overlapSeconds, CLI_ACTOR, CLI_SCOPE);
      console.log(`rotated the secret of sensor ${o.id}; the previous one is valid until ${r.previousValidUntil.toISOString()}`);
      console.log(`secret: ${r.secret}`);
      console.log(`(shown once: hand it to the sensor securely)\n${SIGNING_HELP}`);
    });
  }

  @Option({ flags: '--id <id>', description: 'sensor id', required: true })
  parseId(v: string) {
    return v;
  }

  @Option({ flags: '--overlap-hours <h>', description: 'how long the old secret stays valid (default 24, at most 720)' })
  parseOverlap(v: string) {
    return Number(v);
  }
}

@Command({ name: 'sensors:set-policy', description: 'Set the release policy (and auto-release conditions) of a sensor' })
export class SetSensorPolicyCommand extends SensorCommand {
  async run(_args: string[], o: { id: string; policy: string; autoMinMagnitude?: number; autoHazards?: string }): Promise<void> {
    await cliCommand(this.ds, async () => {
      checked('--policy', o.policy);
      checked('--auto-min-magnitude', o.autoMinMagnitude);
      const conditions =
        o.autoMinMagnitude !== undefined || o.autoHazards
          ? { autoRelease: { ...(o.autoMinMagnitude !== undefined ? { minMagnitude: o.autoMinMagnitude } : {}), ...(o.autoHazards ? { hazards: o.autoHazards.split(',').map((h) => h.trim()) } : {}) } }
          : {};
      const sensor = await this.store.changeSensor(o.id, parseSensorChange({ releasePolicy: o.policy, ...conditions }), CLI_ACTOR, CLI_SCOPE);
      console.log(summary(sensor));
    });
  }

  @Option({ flags: '--id <id>', description: 'sensor id', required: true })
  parseId(v: string) {
    return v;
  }

  @Option({ flags: '--policy <policy>', description: 'auto | approve | record', required: true })
  parsePolicy(v: string) {
    return v;
  }

  @Option({ flags: '--auto-min-magnitude <m>', description: 'auto: release with no human from this magnitude up' })
  parseMinMagnitude(v: string) {
    return Number(v);
  }

  @Option({ flags: '--auto-hazards <list>', description: 'auto: only these hazards, comma-separated' })
  parseHazards(v: string) {
    return v;
  }
}

@Command({ name: 'sensors:disable', description: 'Disable a sensor: its webhooks are refused (403) until it is enabled again' })
export class DisableSensorCommand extends SensorCommand {
  async run(_args: string[], o: { id: string; enable?: boolean }): Promise<void> {
    await cliCommand(this.ds, async () => {
      const sensor = await this.store.changeSensor(o.id, parseSensorChange({ disabled: !o.enable }), CLI_ACTOR, CLI_SCOPE);
      console.log(summary(sensor));
    });
  }

  @Option({ flags: '--id <id>', description: 'sensor id', required: true })
  parseId(v: string) {
    return v;
  }

  @Option({ flags: '--enable', description: 'enable it again instead' })
  parseEnable() {
    return true;
  }
}

// Commands for sensors (issue 3): create, rotate the webhook secret, set the policy, disable.
export const sensorCommands: Type<unknown>[] = [CreateSensorCommand, RotateSensorSecretCommand, SetSensorPolicyCommand, DisableSensorCommand];
