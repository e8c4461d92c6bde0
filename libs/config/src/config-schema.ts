import { z } from 'zod';

// Each variable is declared once: its parser, its default and whether it is a secret.
// Nothing else in Faro reads process.env.
interface Variable<T> {
  schema: z.ZodType<T>;
  secret?: boolean;
  description: string;
}

const port = z.coerce.number().int().min(1).max(65535);
const positiveInt = z.coerce.number().int().positive();
const postgresUrl = z
  .string()
  .url()
  .refine((u) => /^postgres(ql)?:\/\//.test(u), 'must be a postgres:// or postgresql:// URL');
const redisUrl = z
  .string()
  .url()
  .refine((u) => /^rediss?:\/\//.test(u), 'must be a redis:// or rediss:// URL');
const isBase64Key32 = (v: string) => Buffer.from(v, 'base64').length === 32;
const base64Key32 = z
  .string()
  .refine(isBase64Key32, 'must be 32 bytes, base64-encoded');
const base64Key32List = z
  .string()
  .refine((v) => v.split(',').every((k) => k.trim() === '' || isBase64Key32(k.trim())), 'must be comma-separated keys of 32 bytes, base64-encoded');

export const CONFIG_VARIABLES = {
  NODE_ENV: {
    schema: z.enum(['development', 'test', 'production']).default('development'),
    description: 'Runtime environment',
  },
  HOST: { schema: z.string().min(1).default('127.0.0.1'), description: 'Address the HTTP server binds to' },
  PORT: { schema: port.default(3000), description: 'HTTP port of the API' },
  LOG_LEVEL: {
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    description: 'pino log level',
  },
  DATABASE_URL: { schema: postgresUrl, secret: true, description: 'PostgreSQL connection URL' },
  REDIS_URL: {
    schema: redisUrl.optional(),
    secret: true,
    description: 'Redis URL for BullMQ; when unset BullMQ runs on its PostgreSQL backend',
  },
  FARO_KEK: {
    schema: base64Key32,
    secret: true,
    description: 'Key-encryption key (32 bytes, base64) wrapping every stored private key',
  },
  FARO_KEK_PREVIOUS: {
    schema: base64Key32List.optional(),
    secret: true,
    description: 'KEKs replaced by FARO_KEK (comma-separated, base64): they unwrap secrets not yet rewrapped (faro keys:rewrap), never wrap',
  },
  SIGNING_KEY_MAX_AGE_DAYS: {
    schema: positiveInt.max(3650).default(30),
    description: 'The worker rotates the broadcast signing key once the active one is this many days old',
  },
  GATEWAY_KEY_MAX_AGE_DAYS: {
    schema: positiveInt.max(3650).default(90),
    description: "The worker rotates each uplink gateway's sealing key once its active one is this many days old",
  },
  OVERSHOOT_WARN_FACTOR: {
    schema: z.coerce.number().min(1).max(1000).default(3),
    description: 'A draft is warned when its broadcast covers more than this many times the area requested (covered / requested km²)',
  },
  COMPANION_MESSAGE_IDENTIFIER: {
    schema: z.coerce.number().int().min(0xa000).max(0xafff).default(0xa000),
    description: "Message identifier of a public alert's FS2 signature companion in its first language (PLMN operator range 0xA000-0xAFFF, agreed with the networks; docs/broadcast-format.md)",
  },
  COMPANION_MESSAGE_IDENTIFIER_ADDITIONAL: {
    schema: z.coerce.number().int().min(0xa000).max(0xafff).default(0xa001),
    description: 'Message identifier of the FS2 companion of an additional language; must differ from COMPANION_MESSAGE_IDENTIFIER',
  },
  GROUP_KEY_MAX_AGE_DAYS: {
    schema: positiveInt.max(3650).default(30),
    description: "The worker rotates each restricted-audience group's content key once its active one is this many days old",
  },
  DRAFTING_THREADS: {
    schema: positiveInt.max(8).default(1),
    description: "Worker threads of the API that read incidents (JSON, CAP) and compute drafts' jurisdiction checks and targeting, off its event loop; each holds the boundaries and the cell inventory (~450 MB RSS)",
  },
  FARO_DATA_DIR: { schema: z.string().min(1).default('data'), description: 'Directory of the boundary and inventory data' },
  FANOUT_BATCH_SIZE: { schema: positiveInt.max(10000).default(1000), description: 'Cells per uplink job' },
  WORKER_CONCURRENCY: { schema: positiveInt.max(256).default(16), description: 'Uplink jobs processed at once' },
  FANOUT_ATTEMPTS: { schema: positiveInt.max(50).default(5), description: 'Attempts of a fan-out (or kill planning) job before its outbox entry records the failure' },
  FANOUT_BACKOFF_MS: { schema: positiveInt.default(500), description: 'First retry delay of a fan-out job (exponential)' },
  UPLINK_ATTEMPTS: { schema: positiveInt.max(50).default(6), description: 'Attempts of an uplink job before its cells fail' },
  UPLINK_BACKOFF_MS: { schema: positiveInt.default(500), description: 'First retry delay of an uplink job (exponential)' },
  UPLINK_GATEWAY_RATE_LIMITS: {
    schema: z
      .string()
      .default('')
      .transform((v, ctx) => {
        const limits: Record<string, number> = {};
        for (const part of v.split(',').map((p) => p.trim()).filter(Boolean)) {
          const m = /^([A-Za-z0-9][A-Za-z0-9._-]{0,63})=(\d+(?:\.\d+)?)$/.exec(part);
          if (!m) {
            ctx.addIssue({ code: 'custom', message: `must be gateway=submissions-per-second pairs, comma-separated (sat-nord=20,cbc-tim=50); '${part}' is not one` });
            return z.NEVER;
          }
          if (m[1] in limits) {
            ctx.addIssue({ code: 'custom', message: `names gateway ${m[1]} twice` });
            return z.NEVER;
          }
          limits[m[1]] = Number(m[2]);
        }
        return limits;
      }),
    description:
      "Submissions (and kills) per second each uplink gateway takes, 'sat-nord=20,cbc-tim=50' (a burst of one second's worth; 0: no limit); every worker process spends from one budget per gateway (PostgreSQL), and a job over it waits without spending an attempt",
  },
  UPLINK_GATEWAY_RATE_LIMIT_DEFAULT: {
    schema: z.coerce.number().min(0).max(100000).default(0),
    description: 'Submissions per second of a gateway UPLINK_GATEWAY_RATE_LIMITS does not name (0: no limit)',
  },
  UPLINK_MODE: {
    schema: z.enum(['network', 'in-process']).default('network'),
    description: "How the worker reaches the satellite gateways: 'network' speaks the gateway protocol to UPLINK_URL (apps/uplink-sim, docs/gateway-protocol.md); 'in-process' runs the simulator inside the worker (tests)",
  },
  UPLINK_URL: {
    schema: z.string().url().refine((u) => /^https?:\/\//.test(u), 'must be an http:// or https:// URL').default('http://127.0.0.1:8090'),
    description: 'Base URL of the gateway protocol (UPLINK_MODE=network)',
  },
  UPLINK_TOKEN: {
    schema: z.string().min(16).optional(),
    secret: true,
    description: 'Bearer token between the worker and the gateways (the worker sends it, uplink-sim requires it when set)',
  },
  UPLINK_TIMEOUT_MS: {
    schema: positiveInt.min(100).max(600000).default(30000),
    description: "How long the worker waits for a gateway's answer to a submission before retrying it (the gateway deduplicates the retry)",
  },
  UPLINK_HEARTBEAT_MS: {
    schema: positiveInt.min(100).max(60000).default(2000),
    description: "How often the worker asks each gateway for its heartbeat (UPLINK_MODE=network)",
  },
  UPLINK_LIVENESS_TIMEOUT_MS: {
    schema: positiveInt.min(200).max(600000).default(8000),
    description: 'A route whose gateway has not answered a heartbeat for this long is marked down (audited uplink.route-down) at the next heartbeat tick: within this + UPLINK_HEARTBEAT_MS, 10 s by default',
  },
  UPLINK_FAILOVER_GRACE_MS: {
    schema: z.coerce.number().int().min(0).max(600000).default(3000),
    description: "A down satellite route's batches move to other gateways once it has been down this long, and only to gateways that have answered for at least as long: a gateway process restarting (all its routes back within a tick) moves nothing",
  },
  UPLINK_SIM_PORT: { schema: port.default(8090), description: "Port of uplink-sim's gateway protocol (on HOST)" },
  UPLINK_SIM_ADMIN_PORT: {
    schema: port.default(8091),
    description: "Port of uplink-sim's control endpoint (gateways up/down/silent, settings, clock, its record), always on 127.0.0.1",
  },
  UPLINK_SIM_LATENCY_MS: {
    schema: z
      .string()
      .regex(/^\d+(-\d+)?$/, "must be 'min-max' or one number of milliseconds")
      .transform((v) => {
        const [min, max = min] = v.split('-').map(Number);
        return { min, max };
      })
      .refine((l) => l.max >= l.min, 'max must not be below min')
      .optional(),
    description: "Latency of every simulated gateway, 'min-max' ms (unset: 30-120 satellite, 5-40 terrestrial)",
  },
  UPLINK_SIM_CLOCK_OFFSET_MS: {
    schema: z.coerce.number().int().default(0),
    description: "Shifts the simulated gateways' clock (what they stamp on receipts and check expiry against); the control endpoint changes it at run time",
  },
  UPLINK_SIM_CLOCK_RATE: {
    schema: z.coerce.number().positive().max(100000).default(1),
    description: "How fast the simulated gateways' clock runs: simulated milliseconds per real one (3600: an hour on air in a second); the control endpoint changes it at run time",
  },
  UPLINK_SIM_FAILURE_RATE: {
    schema: z.coerce.number().min(0).max(1).default(0.01),
    description: 'Transient failure probability per submission in the uplink simulator',
  },
  UPLINK_SIM_CAPACITY_FACTOR: {
    schema: z.coerce.number().positive().max(10000).default(1),
    description: 'Multiplies every simulated gateway capacity (the benchmark lifts it to measure Faro alone)',
  },
  UPLINK_SIM_CLAIM_LEASE_MS: {
    schema: positiveInt.min(500).max(600000).default(5000),
    description: 'How long a simulated gateway holds a submission id for a transmission that stops renewing its claim (its process died) before another may take it over',
  },
  WORKER_LOCK_MS: {
    schema: positiveInt.min(1000).max(600000).default(8000),
    description: "How long a worker's hold on a job lasts without renewal (renewed at half this): a killed worker's jobs are free again after it",
  },
  UPLINK_CLAIM_LEASE_MS: {
    schema: positiveInt.min(1000).max(600000).default(20000),
    description: "How long an uplink job's hold on its batch outlives the job's worker (renewed at a third of this): a batch of an alert that left the air is dropped as not transmitted only when no job holds it",
  },
  WORKER_STALLED_CHECK_MS: {
    schema: positiveInt.min(100).max(600000).default(2000),
    description: 'How often workers look for jobs whose hold lapsed and give them back to the queue',
  },
  UPLINK_SIM_BOOT_ID: {
    schema: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1-64 letters, digits, dots, dashes or underscores').optional(),
    description: "The gateways' boot id, named in every heartbeat (unset: a new one per start, a restart empty). The same id across a restart: the gateways kept what they had on air",
  },
  UPLINK_SIM_CBC_ACK_MS: {
    schema: z.coerce.number().int().min(0).max(60000).default(100),
    description: "How long the simulated CBCs' peers take to acknowledge a message (osmo-cbc then answers 201; ~100 ms observed)",
  },
  UPLINK_SIM_CBC_NO_ACK_WAIT_MS: {
    schema: z.coerce.number().int().min(0).max(60000).default(15000),
    description: "The simulated CBCs' wait for peers that do not answer before the empty 200 (osmo-cbc 0.5.3: a fixed 15 s)",
  },
  UPLINK_SIM_CBC_DELETE_MS: {
    schema: z.coerce.number().int().min(0).max(60000).default(500),
    description: 'How long a simulated CBC takes to answer a DELETE (osmo-cbc waits for its peers: up to 10 s observed)',
  },
  UPLINK_SIM_SEED: { schema: z.coerce.number().int().optional(), description: 'Seed of the simulator (unset: random)' },
  QUEUE_PREFIX: {
    schema: z.string().regex(/^[a-z0-9-]+$/, 'must be lower-case letters, digits and dashes').default('faro'),
    description: 'Key prefix of the BullMQ queues on Redis (lets several platforms share one Redis)',
  },
  OUTBOX_POLL_MS: { schema: positiveInt.default(1000), description: 'How often the relay re-reads the outbox' },
  OUTBOX_STALE_MS: {
    // Safe this short: work whose job is still waiting or held by a worker is left to it.
    schema: positiveInt.default(10000),
    description: 'After how long a dispatched outbox entry or a pending batch with no progress, whose job will not run by itself, is re-created from PostgreSQL',
  },
  OUTBOX_READY_MAX_AGE_MS: {
    schema: positiveInt.default(60000),
    description: "/health/ready is down when the outbox's oldest undispatched entry is older than this",
  },
  PUSH_VAPID_SUBJECT: {
    schema: z.string().regex(/^(mailto:\S+@\S+|https:\/\/\S+)$/, 'must be a mailto: or https: URI').default('mailto:faro@localhost'),
    description: "RFC 8292 'sub' claim of web push: how a push service reaches the platform's operator",
  },
  PUSH_ALLOW_HTTP_LOOPBACK: {
    schema: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
    description: 'Accept web-push subscriptions whose endpoint is plain http on the loopback (tests, a local push service); never in production',
  },
  PUSH_ATTEMPTS: { schema: positiveInt.max(20).default(5), description: 'Attempts of a browser notification before it is given up' },
  PUSH_BACKOFF_MS: { schema: positiveInt.default(1000), description: 'First retry delay of a browser notification (exponential)' },
  PUSH_FAILURE_THRESHOLD: {
    schema: z.coerce.number().min(0).max(1).default(0.05),
    description: "Operators and approvers are notified once when more than this share of an alert's cells failed",
  },
  DATABASE_CONNECT_TIMEOUT_MS: {
    schema: positiveInt.max(600000).default(5000),
    description: 'How long opening a PostgreSQL connection may take before the call fails (the API then answers 503)',
  },
  DATABASE_STATEMENT_TIMEOUT_MS: {
    schema: positiveInt.max(3600000).default(30000),
    description: 'statement_timeout of every connection; the client gives up a second later if the server does not answer at all',
  },
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: {
    schema: positiveInt.max(3600000).default(60000),
    description: 'idle_in_transaction_session_timeout of every connection: a transaction its client left open is ended by the server',
  },
  WORKER_METRICS_PORT: {
    schema: port.optional(),
    description: 'Port on 127.0.0.1 where the worker serves its Prometheus metrics at /metrics (unset: not served)',
  },
  PUBLIC_FEED_RATE_LIMIT: {
    schema: positiveInt.max(100000).default(120),
    description: 'Requests a minute one client address may make to the public CAP feed (/public/cap/…) before 429',
  },
  HTTP_REQUEST_TIMEOUT_MS: {
    schema: positiveInt.max(600000).default(35000),
    description: 'The API answers 503 to a request not answered within this time (keep it above DATABASE_STATEMENT_TIMEOUT_MS)',
  },
  SATELLITE_GATEWAYS: {
    schema: z.string().optional(),
    description: 'Satellite ground gateway sites, id:lon:lat:maskDeg comma-separated (unset: the four fictional sites of libs/constellation, sat-nord to sat-isole, mask 25°, the gateways the inventory routes satellite cells to)',
  },
  SATELLITE_ELEVATION_MASK_DEG: {
    schema: z.coerce.number().min(0).lt(90).default(25),
    description: 'A handset in an earth-fixed cell is served only by a satellite at least this many degrees above its horizon',
  },
  SATELLITE_BEAM_CAPACITY: {
    schema: positiveInt.max(100000).default(48),
    description: 'Cells one satellite broadcasts to at the same time (its beams)',
  },
  SATELLITE_REPETITION_SECONDS: {
    schema: positiveInt.max(86400).default(60),
    description: 'The repetition period a satellite broadcast plan is made for',
  },
  SATELLITE_ELEMENT_SETS: {
    schema: z.string().min(1).default('satellites/starlink_dtc.tle'),
    description: 'Three-line TLE file of the constellation, relative to FARO_DATA_DIR unless absolute',
  },
  SATELLITE_EPOCH_MAX_AGE_DAYS: {
    schema: z.coerce.number().min(0).max(3650).default(7),
    description: 'A broadcast further than this from the newest TLE epoch is planned on the snapshot sky (same time of day, newest epoch day)',
  },
} satisfies Record<string, Variable<unknown>>;

type Vars = typeof CONFIG_VARIABLES;
export type FaroConfig = Readonly<{ [K in keyof Vars]: z.output<Vars[K]['schema']> }>;
