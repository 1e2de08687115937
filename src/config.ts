// Configuration: command-line flags win over environment variables, which win over defaults.
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  /** From MOONGATE_ADMIN_KEY / --admin-key; otherwise read from or generated into the data dir. */
  adminKey?: string;
  /** HS256 secret for user tokens; otherwise read from or generated into the data dir. */
  jwtSecret?: string;
  tlsCert?: string;
  tlsKey?: string;
  allowUwsFallback: boolean;
  /** CPU budget of one script run/resume (WebSocket) or one HTTP invocation. */
  cpuLimitMs: number;
  /** Largest client message a script receives; larger ones close the connection with 1009. */
  maxMessageBytes: number;
  /** Pending events per connection; overflow closes with 1008. */
  maxQueue: number;
  /** Outgoing bytes buffered for a slow client before it is disconnected with 1008. */
  maxBackpressureBytes: number;
  /** WebSocket idle timeout (seconds; 0 disables); pings are sent automatically. */
  idleTimeoutSec: number;
  /** Time a script gets to finish after its client went away. */
  graceMs: number;
  /** Largest HTTP request body. */
  maxBodyBytes: number;
  compileThreads: number;
  logLevel: string;
  /** Register the examples when the data directory holds no scripts. */
  examples: boolean;
  /** How long shutdown waits for in-flight HTTP requests. */
  shutdownMs: number;
  /** Channels and presence across nodes through this Redis; undefined: the in-memory engine. */
  redisUrl?: string;
  /** This node's id in Redis (unique per running node). */
  nodeId: string;
  redisPrefix: string;
  /** A node whose heartbeat is older than this is taken for dead and its presence removed. */
  heartbeatTtlMs: number;
  /** Deliver channel broadcasts natively to sessions of scripts that only forward them (forwarding.ts). */
  nativeForwarding: boolean;
}

export const DEFAULTS: Config = {
  host: '0.0.0.0',
  port: 6745,
  dataDir: './data',
  allowUwsFallback: false,
  cpuLimitMs: 250,
  maxMessageBytes: 64 * 1024,
  maxQueue: 1024,
  maxBackpressureBytes: 1024 * 1024,
  idleTimeoutSec: 120,
  graceMs: 5000,
  maxBodyBytes: 8 * 1024 * 1024,
  compileThreads: 2,
  logLevel: 'info',
  examples: true,
  shutdownMs: 10000,
  nodeId: '',
  redisPrefix: 'moongate:',
  heartbeatTtlMs: 15000,
  nativeForwarding: true,
};

export const OPTIONS = {
  port: { type: 'string', short: 'p' },
  host: { type: 'string' },
  data: { type: 'string', short: 'd' },
  'admin-key': { type: 'string' },
  'jwt-secret': { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'allow-uws-fallback': { type: 'boolean' },
  'cpu-limit-ms': { type: 'string' },
  'max-message-bytes': { type: 'string' },
  'max-queue': { type: 'string' },
  'max-backpressure-bytes': { type: 'string' },
  'idle-timeout': { type: 'string' },
  'grace-ms': { type: 'string' },
  'max-body-bytes': { type: 'string' },
  'compile-threads': { type: 'string' },
  'log-level': { type: 'string' },
  'no-examples': { type: 'boolean' },
  redis: { type: 'string' },
  'node-id': { type: 'string' },
  'redis-prefix': { type: 'string' },
  'heartbeat-ttl-ms': { type: 'string' },
  'no-native-forwarding': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type Flags = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

function int(name: string, v: string | undefined, def: number, min = 0): number {
  if (v === undefined || v === '') return def;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new Error(`invalid value for ${name}: ${v}`);
  return n;
}

export function loadConfig(flags: Flags, env: NodeJS.ProcessEnv = process.env): Config {
  const e = (k: string) => (env[k] === '' ? undefined : env[k]);
  const tlsCert = flags['tls-cert'] ?? e('MOONGATE_TLS_CERT');
  const tlsKey = flags['tls-key'] ?? e('MOONGATE_TLS_KEY');
  if ((tlsCert === undefined) !== (tlsKey === undefined)) throw new Error('TLS needs both --tls-cert and --tls-key');
  const port = int('port', flags.port ?? e('PORT'), DEFAULTS.port);
  if (port > 65535) throw new Error(`invalid port: ${port}`);
  return {
    host: flags.host ?? e('HOST') ?? DEFAULTS.host,
    port,
    dataDir: resolve(flags.data ?? e('MOONGATE_DATA_DIR') ?? DEFAULTS.dataDir),
    adminKey: flags['admin-key'] ?? e('MOONGATE_ADMIN_KEY'),
    jwtSecret: flags['jwt-secret'] ?? e('MOONGATE_JWT_SECRET'),
    tlsCert,
    tlsKey,
    allowUwsFallback: flags['allow-uws-fallback'] ?? false,
    cpuLimitMs: int('cpu-limit-ms', flags['cpu-limit-ms'] ?? e('MOONGATE_CPU_LIMIT_MS'), DEFAULTS.cpuLimitMs, 1),
    maxMessageBytes: int('max-message-bytes', flags['max-message-bytes'], DEFAULTS.maxMessageBytes, 1),
    maxQueue: int('max-queue', flags['max-queue'], DEFAULTS.maxQueue, 1),
    maxBackpressureBytes: int('max-backpressure-bytes', flags['max-backpressure-bytes'], DEFAULTS.maxBackpressureBytes, 1024),
    idleTimeoutSec: int('idle-timeout', flags['idle-timeout'], DEFAULTS.idleTimeoutSec),
    graceMs: int('grace-ms', flags['grace-ms'], DEFAULTS.graceMs),
    maxBodyBytes: int('max-body-bytes', flags['max-body-bytes'], DEFAULTS.maxBodyBytes, 1024),
    compileThreads: int('compile-threads', flags['compile-threads'], DEFAULTS.compileThreads, 1),
    logLevel: flags['log-level'] ?? e('MOONGATE_LOG_LEVEL') ?? DEFAULTS.logLevel,
    examples: !(flags['no-examples'] ?? false),
    shutdownMs: DEFAULTS.shutdownMs,
    redisUrl: flags.redis ?? e('MOONGATE_REDIS_URL'),
    nodeId: flags['node-id'] ?? e('MOONGATE_NODE_ID') ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
    redisPrefix: flags['redis-prefix'] ?? e('MOONGATE_REDIS_PREFIX') ?? DEFAULTS.redisPrefix,
    heartbeatTtlMs: int('heartbeat-ttl-ms', flags['heartbeat-ttl-ms'] ?? e('MOONGATE_HEARTBEAT_TTL_MS'), DEFAULTS.heartbeatTtlMs, 300),
    nativeForwarding: !(flags['no-native-forwarding'] ?? false),
  };
}
