// The engine for several gateway nodes: channels and presence through one Redis server.
import type { Engine } from './engine.js';
import { RedisBroker } from './redis-broker.js';
import { RedisLink, redactUrl } from './redis-link.js';
import { RedisPresence } from './redis-presence.js';
import { RedisKeys } from './redis-wire.js';
import { log } from './log.js';

export interface RedisEngineOptions {
  url: string;
  /** Unique per running node; a node restarted under the same id drops the records of its last run. */
  node: string;
  /** Prefix of every key and pub/sub channel, so several clusters can share one Redis. */
  prefix: string;
  heartbeatTtlMs: number;
}

export function redisEngine(o: RedisEngineOptions): Engine & { start(): Promise<void> } {
  const link = new RedisLink(o.url);
  const keys = new RedisKeys(o.prefix);
  const presence = new RedisPresence(link, { node: o.node, keys, heartbeatTtlMs: o.heartbeatTtlMs });
  const broker = new RedisBroker(link, keys, o.node, presence);
  link.onRestored = (name) => {
    // ioredis re-subscribes on its own; presence events sent meanwhile were missed, so reload the replica
    if (name === 'subscriber') setImmediate(() => void presence.resyncNow());
    else void presence.heartbeatNow();
  };
  return {
    broker,
    presence,
    async start() {
      await link.connect();
      await broker.start();
      await presence.start();
      log.info({ redis: redactUrl(o.url), node: o.node, heartbeatTtlMs: o.heartbeatTtlMs }, 'redis engine ready');
    },
  };
}
