// Presence across nodes. Each node owns the records of its own connections, in a Redis hash of its own
// (KEYS.records(node)), and publishes every join and leave on one pub/sub channel; every node applies
// those events to its replica (presence-replica.ts), which answers the synchronous reads. Every record
// and event carries its database (channels are per database). The replica is
// loaded from the hashes at start and again after the subscriber link comes back (events may have been
// missed meanwhile).
//
// Dead nodes: each node refreshes a heartbeat key with a TTL. A node whose heartbeat has expired is reaped
// by whichever node notices first: a Lua script takes its records and deletes them atomically, so only one
// reaper gets them and emits their leave events. A node that finds it was reaped while alive (a long
// pause, a lost link) writes its records back and announces them again.
import { channelKey, type PresenceEvent, type PresenceInfo, type PresenceManager } from './engine.js';
import { PresenceReplica, type ReplicaRecord } from './presence-replica.js';
import type { RedisLink } from './redis-link.js';
import { RedisKeys, decodeRecord, encodeFrame, encodeRecord, recordField, type WirePresence } from './redis-wire.js';
import { SharedJson } from '../runtime/lib/json.js';
import { log } from './log.js';

// KEYS: heartbeat, records, nodes; ARGV: node id, force ('1': even when the heartbeat is alive).
// Returns nil when the node is alive, else the records it took (maybe none: another reaper was first).
const REAP_LUA = `
if ARGV[2] ~= '1' and redis.call('EXISTS', KEYS[1]) == 1 then return false end
local recs = redis.call('HVALS', KEYS[2])
redis.call('DEL', KEYS[2])
redis.call('SREM', KEYS[3], ARGV[1])
return recs`;

interface Reaper {
  moongateReapBuffer(heartbeat: string, records: string, nodes: string, node: string, force: string): Promise<Buffer[] | null>;
}

export interface RedisPresenceOptions {
  node: string;
  keys: RedisKeys;
  /** Heartbeat TTL; refreshed every third of it, and dead nodes are looked for as often. */
  heartbeatTtlMs: number;
}

const recordKey = (db: string, channel: string, connectionId: string) => `${connectionId} ${channelKey(db, channel)}`;

export class RedisPresence implements PresenceManager {
  readonly replica = new PresenceReplica();
  private deliver: (e: PresenceEvent) => void = () => {};
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;
  private beats = 0;
  private closed = false;
  /** Frames received while a snapshot loads; applied after it. */
  private pending: WirePresence[] | undefined;
  /** A resync was asked for while one was loading (its snapshot may predate what was missed). */
  private resyncAgain = false;
  private lastWarn = 0;

  constructor(
    private readonly link: RedisLink,
    private readonly o: RedisPresenceOptions,
  ) {
    link.acquire();
    link.cmd.defineCommand('moongateReap', { numberOfKeys: 3, lua: REAP_LUA });
  }

  /** Where presence events for this node's subscribers go (the broker's handler). */
  setDeliver(f: (e: PresenceEvent) => void): void {
    this.deliver = f;
  }

  // ---- PresenceManager: this node's own connections ----

  add(db: string, channel: string, info: PresenceInfo): PresenceInfo | undefined {
    const rec: ReplicaRecord = { ...info, db, channel, node: this.o.node };
    const old = this.replica.add(rec);
    this.store(rec);
    return old;
  }

  remove(db: string, channel: string, connectionId: string): PresenceInfo | undefined {
    const old = this.replica.remove(db, channel, connectionId);
    if (old !== undefined && !this.closed) {
      this.link.cmd.hdel(this.o.keys.records(this.o.node), recordField(db, channel, connectionId)).catch(this.failed);
    }
    return old;
  }

  list(db: string, channel: string): PresenceInfo[] {
    return this.replica.list(db, channel);
  }

  channels(): Map<string, number> {
    return this.replica.channels();
  }

  members(): number {
    return this.replica.size;
  }

  /** Tell the other nodes about a local join or leave (the broker has delivered it locally). */
  announce(e: PresenceEvent): void {
    const rec = e.eventType === 'join' ? this.replica.get(e.db, e.channel, e.connectionId) : undefined;
    const node = this.o.node;
    this.publish({
      kind: e.eventType,
      node,
      owner: node,
      db: e.db,
      channel: e.channel,
      connectionId: e.connectionId,
      timestamp: e.timestamp,
      joinedAt: rec?.joinedAt ?? e.timestamp,
      userInfo: e.userInfo,
    });
  }

  /** A presence frame from another node. */
  receive(f: WirePresence): void {
    if (this.pending !== undefined) this.pending.push(f);
    else this.apply(f);
  }

  // ---- life cycle ----

  async start(): Promise<void> {
    await this.reap(this.o.node, true); // records left by an earlier run under the same node id
    await this.heartbeat();
    await this.resync();
    await this.reapDead();
    const every = Math.max(50, Math.floor(this.o.heartbeatTtlMs / 3));
    this.timer = setInterval(() => void this.tick(), every);
    this.timer.unref();
  }

  /** After the subscriber link came back: events may have been missed. */
  async resyncNow(): Promise<void> {
    try {
      await this.link.sub.ping(); // after the re-subscriptions ioredis sent on reconnect
      await this.resync();
    } catch (e) {
      this.failed(e as Error);
    }
  }

  /** After the command link came back: refresh the heartbeat at once (and restore if we were reaped). */
  async heartbeatNow(): Promise<void> {
    try {
      await this.heartbeat();
    } catch (e) {
      this.failed(e as Error);
    }
  }

  /** Remove this node's records and heartbeat, so the others see its users leave at once. */
  async close(): Promise<void> {
    if (this.closed) return;
    clearInterval(this.timer);
    if (this.beats > 0 && this.link.cmd.status === 'ready') {
      try {
        await this.reap(this.o.node, true);
        await this.link.cmd.del(this.o.keys.heartbeat(this.o.node));
      } catch (e) {
        this.failed(e as Error);
      }
    }
    this.closed = true;
    await this.link.release();
  }

  // ---- internals ----

  private apply(f: WirePresence): void {
    // this node is the authority on its own records (a reap of it is undone by restore())
    if (f.owner === this.o.node) return;
    if (f.kind === 'join') {
      const cur = this.replica.get(f.db, f.channel, f.connectionId);
      if (cur !== undefined && cur.joinedAt === f.joinedAt && cur.userInfo === f.userInfo) return; // seen already
      const shared = new SharedJson(f.userInfo);
      this.replica.add({ db: f.db, channel: f.channel, connectionId: f.connectionId, userInfo: f.userInfo, joinedAt: f.joinedAt, node: f.owner, shared });
      this.deliver({ eventType: 'join', db: f.db, channel: f.channel, connectionId: f.connectionId, userInfo: f.userInfo, timestamp: f.timestamp, shared });
      return;
    }
    const old = this.replica.remove(f.db, f.channel, f.connectionId);
    if (old === undefined) return;
    this.deliver({ eventType: 'leave', db: f.db, channel: f.channel, connectionId: f.connectionId, userInfo: old.userInfo, timestamp: f.timestamp, shared: old.shared });
  }

  private store(rec: ReplicaRecord): void {
    if (this.closed) return;
    const value = encodeRecord({ db: rec.db, channel: rec.channel, connectionId: rec.connectionId, joinedAt: rec.joinedAt, userInfo: rec.userInfo });
    this.link.cmd.hset(this.o.keys.records(this.o.node), recordField(rec.db, rec.channel, rec.connectionId), value).catch(this.failed);
  }

  private publish(f: WirePresence): void {
    if (this.closed) return;
    this.link.cmd.publish(this.o.keys.presenceEvents, encodeFrame(f)).catch(this.failed);
  }

  private async tick(): Promise<void> {
    if (this.ticking || this.closed) return;
    this.ticking = true;
    try {
      await this.heartbeat();
      await this.reapDead();
    } catch (e) {
      this.failed(e as Error);
    } finally {
      this.ticking = false;
    }
  }

  private async heartbeat(): Promise<void> {
    const k = this.o.keys;
    const res = await this.link.cmd.multi().set(k.heartbeat(this.o.node), String(Date.now()), 'PX', this.o.heartbeatTtlMs).sadd(k.nodes, this.o.node).exec();
    const added = res?.[1]?.[1] === 1;
    if (added && this.beats > 0) this.restore();
    this.beats++;
  }

  /** We were reaped while alive: write our records back and announce them again. */
  private restore(): void {
    let n = 0;
    for (const r of this.replica.all()) {
      if (r.node !== this.o.node) continue;
      n++;
      this.store(r);
      this.publish({ kind: 'join', node: r.node, owner: r.node, db: r.db, channel: r.channel, connectionId: r.connectionId, timestamp: Date.now(), joinedAt: r.joinedAt, userInfo: r.userInfo });
    }
    log.warn({ node: this.o.node, records: n }, 'this node had been taken for dead; its presence records were restored');
  }

  private async reapDead(): Promise<void> {
    const nodes = await this.link.cmd.smembers(this.o.keys.nodes);
    for (const n of nodes) if (n !== this.o.node) await this.reap(n, false);
  }

  /** Take a node's records if its heartbeat expired (or `force`), and emit their leave events. */
  private async reap(node: string, force: boolean): Promise<void> {
    const k = this.o.keys;
    const taken = await (this.link.cmd as unknown as Reaper).moongateReapBuffer(k.heartbeat(node), k.records(node), k.nodes, node, force ? '1' : '0');
    if (taken === null) return;
    if (node !== this.o.node) log.info({ node, records: taken.length }, 'gateway node heartbeat expired; its presence records were removed');
    const now = Date.now();
    for (const buf of taken) {
      const r = decodeRecord(buf);
      if (r === undefined) continue;
      const f: WirePresence = { kind: 'leave', node: this.o.node, owner: node, db: r.db, channel: r.channel, connectionId: r.connectionId, timestamp: now, joinedAt: r.joinedAt, userInfo: r.userInfo };
      this.publish(f);
      this.apply(f);
    }
  }

  /** Load every other node's records and bring the replica in line, emitting the differences as events. */
  private async resync(): Promise<void> {
    if (this.pending !== undefined) {
      this.resyncAgain = true;
      return;
    }
    this.pending = [];
    try {
      const self = this.o.node;
      const others = (await this.link.cmd.smembers(this.o.keys.nodes)).filter((n) => n !== self);
      const pipe = this.link.cmd.pipeline();
      for (const n of others) pipe.hvalsBuffer(this.o.keys.records(n));
      const res = others.length === 0 ? [] : ((await pipe.exec()) ?? []);
      const fresh = new Map<string, WirePresence>();
      const now = Date.now();
      others.forEach((node, i) => {
        const [err, vals] = res[i] ?? [new Error('no reply'), undefined];
        if (err !== null) throw err;
        for (const buf of vals as Buffer[]) {
          const r = decodeRecord(buf);
          if (r === undefined) continue;
          fresh.set(recordKey(r.db, r.channel, r.connectionId), { kind: 'join', node, owner: node, db: r.db, channel: r.channel, connectionId: r.connectionId, timestamp: r.joinedAt, joinedAt: r.joinedAt, userInfo: r.userInfo });
        }
      });
      for (const r of [...this.replica.all()]) {
        if (r.node === self || fresh.has(recordKey(r.db, r.channel, r.connectionId))) continue;
        this.apply({ kind: 'leave', node: self, owner: r.node, db: r.db, channel: r.channel, connectionId: r.connectionId, timestamp: now, joinedAt: r.joinedAt, userInfo: r.userInfo });
      }
      // in joinedAt order, so the replica appends
      for (const f of [...fresh.values()].sort((a, b) => a.joinedAt - b.joinedAt)) this.apply(f);
    } finally {
      const q = this.pending;
      this.pending = undefined;
      for (const f of q) this.apply(f);
    }
    if (this.resyncAgain) {
      this.resyncAgain = false;
      await this.resync();
    }
  }

  private readonly failed = (e: Error): void => {
    if (this.closed) return;
    const now = Date.now();
    if (now - this.lastWarn < 10_000) return; // one line per outage is enough
    this.lastWarn = now;
    log.warn({ err: e.message }, 'redis presence command failed');
  };
}
