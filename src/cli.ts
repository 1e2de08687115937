#!/usr/bin/env node
// moongate [serve] [--port N] [--host H] [--data DIR] …  |  moongate run FILE.lua  |  moongate compile FILE.lua
import { parseArgs } from 'node:util';
import { OPTIONS, loadConfig } from './config.js';

const USAGE = `usage:
  moongate [serve] [options]     run the gateway (default port 6745)
  moongate run FILE.lua          run a Lua script from the command line
  moongate compile FILE.lua      print the JavaScript a script compiles to

serve options (flags win over PORT, HOST, MOONGATE_DATA_DIR, MOONGATE_ADMIN_KEY, MOONGATE_JWT_SECRET):
  -p, --port N                 listen port (6745)
      --host H                 listen address (0.0.0.0)
  -d, --data DIR               data directory (./data)
      --admin-key KEY          admin key (else generated into DIR/admin.key)
      --jwt-secret S           HS256 secret of user tokens (else generated into DIR/jwt.secret)
      --tls-cert F --tls-key F serve HTTPS/WSS
      --allow-uws-fallback     run even if uWebSockets.js fell back to its slow JS implementation
      --cpu-limit-ms N         CPU budget per script run/resume (250)
      --max-message-bytes N    largest client message; larger → close 1009 (65536)
      --max-queue N            pending events per connection; overflow → close 1008 (1024)
      --max-backpressure-bytes N  unsent bytes before a slow client is closed with 1008 (1048576)
      --idle-timeout S         WebSocket idle timeout in seconds, 0 = off (120)
      --grace-ms N             time a script gets to end after its client left (5000)
      --max-body-bytes N       largest HTTP body (8388608)
      --compile-threads N      compiler worker threads (2)
      --log-level L            pino level (info)
      --no-examples            do not register the examples into an empty data directory
      --redis URL              share channels and presence with other nodes through Redis (MOONGATE_REDIS_URL)
      --node-id ID             this node's id in Redis, unique per node (host-pid-random; MOONGATE_NODE_ID)
      --redis-prefix P         prefix of the Redis keys and channels (moongate:; MOONGATE_REDIS_PREFIX)
      --heartbeat-ttl-ms N     a node silent this long is taken for dead, its users leave (15000)
      --no-native-forwarding   always run the script for channel broadcasts (see the README's fast path)
`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ options: OPTIONS, allowPositionals: true, strict: true });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const cmd = positionals[0] ?? 'serve';
  if (cmd === 'run' || cmd === 'compile') {
    const file = positionals[1];
    if (file === undefined) {
      process.stderr.write(`moongate ${cmd}: missing FILE.lua\n`);
      return 2;
    }
    const m = await import('./run-file.js');
    return cmd === 'run' ? m.runLuaFile(file, positionals.slice(2)) : m.compileLuaFile(file);
  }
  if (cmd !== 'serve') {
    process.stderr.write(`moongate: unknown command '${cmd}'\n${USAGE}`);
    return 2;
  }
  const config = loadConfig(values);
  const { Gateway } = await import('./server.js');
  const { log } = await import('./log.js');
  const gw = new Gateway(config);
  let stopping = false;
  const shutdown = (sig: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal: sig }, 'signal received');
    gw.stop().then(
      () => process.exit(0),
      (e) => {
        log.error({ err: e }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  try {
    await gw.start();
  } catch (e) {
    log.fatal({ err: e }, (e as Error).message);
    await gw.stop().catch(() => {});
    return 1;
  }
  return new Promise<number>(() => {}); // runs until a signal
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`moongate: ${(e as Error)?.message ?? e}\n`);
    process.exit(2);
  },
);
