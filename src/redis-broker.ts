// Publications across nodes on Redis pub/sub: one Redis channel per gateway channel (database and name,
// RedisKeys.channel), subscribed while
// this node has local subscribers of it. A node delivers its own publications locally at once (same
// order and latency as the memory engine) and drops their echo from Redis. Presence events travel on
// one channel that every node subscribes to (redis-presence.ts applies them).
import type { Broker, BrokerHandler, PresenceEvent, Publication } from './engine.js';
import type { RedisLink } from './redis-link.js';
import type { RedisPresence } from './redis-presence.js';
import { RedisKeys, decodeFrame, encodeFrame } from './redis-wire.js';
import { log } from './log.js';

export class RedisBroker implements Broker {
  private h: BrokerHandler | undefined;
  private closed = false;
  private lastWarn = 0;

  constructor(
    private readonly link: RedisLink,
    private readonly keys: RedisKeys,
    private readonly node: string,
    private readonly presence: RedisPresence,
  ) {
    link.acquire();
    link.sub.on('messageBuffer', (_channel: Buffer, message: Buffer) => this.onMessage(message));
    presence.setDeliver((e) => this.h?.onPresence(e));
  }

  /** Subscribe to the presence events (before the presence replica loads its snapshot). */
  async start(): Promise<void> {
    await this.link.sub.subscribe(this.keys.presenceEvents);
  }

  setHandler(h: BrokerHandler): void {
    this.h = h;
  }

  subscribe(db: string, channel: string): void {
    if (!this.closed) this.link.sub.subscribe(this.keys.channel(db, channel)).catch(this.failed);
  }

  unsubscribe(db: string, channel: string): void {
    if (!this.closed) this.link.sub.unsubscribe(this.keys.channel(db, channel)).catch(this.failed);
  }

  publish(p: Publication): void {
    this.h?.onPublication(p);
    if (this.closed) return;
    const frame = encodeFrame({ kind: 'pub', node: this.node, db: p.db, channel: p.channel, timestamp: p.timestamp, senderId: p.senderId, data: p.data });
    this.link.cmd.publish(this.keys.channel(p.db, p.channel), frame).catch(this.failed);
  }

  publishPresence(e: PresenceEvent): void {
    this.h?.onPresence(e);
    this.presence.announce(e);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.link.release();
  }

  private onMessage(message: Buffer): void {
    const f = decodeFrame(message);
    if (f === undefined || f.node === this.node) return; // not ours, or our own echo
    if (f.kind === 'pub') this.h?.onPublication({ db: f.db, channel: f.channel, data: f.data, timestamp: f.timestamp, senderId: f.senderId });
    else this.presence.receive(f);
  }

  private readonly failed = (e: Error): void => {
    if (this.closed) return;
    const now = Date.now();
    if (now - this.lastWarn < 10_000) return;
    this.lastWarn = now;
    log.warn({ err: e.message }, 'redis publish/subscribe failed');
  };
}
