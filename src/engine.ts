// The channel + presence engine, centrifuge-style: a Broker moves publications and presence events
// between nodes, a PresenceManager stores who is present where. The in-memory implementations below
// serve one process; the Redis implementation (redis-engine.ts) spans nodes through the same `Engine`,
// without touching sessions or the Lua API.
//
// Payloads stay encoded: `data` and `userInfo` are JSON texts as Lua byte strings (UTF-8 bytes as
// chars 0..255), encoded once by the publisher and decoded once per node: the `shared` fields are this
// node's decode caches (a SharedJson made by the first receiver, see session.ts); they never travel.

import type { SharedJson } from '../runtime/lib/json.js';
import type { Forward } from './forwarding.js';

/**
 * Channels are per database: scripts of two databases using the same name never share a channel. The
 * engine keys a channel by this string, the database length-prefixed (`3:abc:room`), so no channel name
 * (any bytes) can make a key that belongs to another database; uWS topics and Redis names derive from it.
 */
export function channelKey(db: string, channel: string): string {
  return `${db.length}:${db}:${channel}`;
}

/** The (database, channel name) of a channelKey; undefined when `key` is not one. */
export function splitChannelKey(key: string): { db: string; channel: string } | undefined {
  const colon = key.indexOf(':');
  if (colon <= 0) return undefined;
  const n = Number(key.slice(0, colon));
  const end = colon + 1 + n;
  if (!Number.isInteger(n) || n < 0 || key.charCodeAt(end) !== 58 /* ':' */) return undefined;
  return { db: key.slice(colon + 1, end), channel: key.slice(end + 1) };
}

export interface Publication {
  /** The database of the channel (the publishing script's). */
  db: string;
  /** The channel's name as scripts use it (without the database). */
  channel: string;
  /** JSON text (byte string). */
  data: string;
  /** Unix ms. */
  timestamp: number;
  /** Connection id of the publishing WebSocket; undefined for HTTP scripts and admin broadcasts. */
  senderId: string | undefined;
  /** Local cache: `data` decoded once for all receivers on this node (not part of the message). */
  shared?: SharedJson;
  /** Local cache: what forwarding sessions send for it (forwarding.ts); null: not forwardable. */
  forward?: Forward | null;
}

export interface PresenceInfo {
  connectionId: string;
  /** JSON text (byte string) of the user_info table. */
  userInfo: string;
  joinedAt: number;
  /** Local cache: `userInfo` decoded once (not part of the record). */
  shared?: SharedJson;
}

export interface PresenceEvent {
  eventType: 'join' | 'leave';
  db: string;
  channel: string;
  connectionId: string;
  userInfo: string;
  timestamp: number;
  /** Local cache: `userInfo` decoded once for all receivers on this node (not part of the event). */
  shared?: SharedJson;
}

export interface BrokerHandler {
  onPublication(p: Publication): void;
  onPresence(e: PresenceEvent): void;
}

export interface Broker {
  /** Where this node's deliveries go (the local hub). */
  setHandler(h: BrokerHandler): void;
  /** This node got its first local subscriber of `channel` of `db` (a networked broker subscribes upstream). */
  subscribe(db: string, channel: string): void;
  /** This node lost its last local subscriber of `channel` of `db`. */
  unsubscribe(db: string, channel: string): void;
  publish(p: Publication): void;
  publishPresence(e: PresenceEvent): void;
  close(): Promise<void>;
}

export interface PresenceManager {
  /** Add or replace the record of `info.connectionId` in `channel` of `db`; returns the replaced record. */
  add(db: string, channel: string, info: PresenceInfo): PresenceInfo | undefined;
  /** Remove a record; returns it when it existed. */
  remove(db: string, channel: string, connectionId: string): PresenceInfo | undefined;
  /** Records in join order. */
  list(db: string, channel: string): PresenceInfo[];
  /** Channels with at least one record (by channelKey), and their sizes. */
  channels(): Map<string, number>;
  members(): number;
  close(): Promise<void>;
}

export interface Engine {
  broker: Broker;
  presence: PresenceManager;
  /** Connect and load shared state before the node serves (a networked engine). */
  start?(): Promise<void>;
}

export class MemoryBroker implements Broker {
  private h: BrokerHandler | undefined;
  setHandler(h: BrokerHandler): void {
    this.h = h;
  }
  subscribe(_db: string, _channel: string): void {}
  unsubscribe(_db: string, _channel: string): void {}
  publish(p: Publication): void {
    this.h?.onPublication(p);
  }
  publishPresence(e: PresenceEvent): void {
    this.h?.onPresence(e);
  }
  async close(): Promise<void> {}
}

export class MemoryPresence implements PresenceManager {
  /** channelKey → connection id → record */
  private readonly byChannel = new Map<string, Map<string, PresenceInfo>>();
  private count = 0;

  add(db: string, channel: string, info: PresenceInfo): PresenceInfo | undefined {
    const key = channelKey(db, channel);
    let m = this.byChannel.get(key);
    if (m === undefined) this.byChannel.set(key, (m = new Map()));
    const old = m.get(info.connectionId);
    if (old !== undefined) m.delete(info.connectionId); // re-join moves to the end, like a new join
    else this.count++;
    m.set(info.connectionId, info);
    return old;
  }
  remove(db: string, channel: string, connectionId: string): PresenceInfo | undefined {
    const key = channelKey(db, channel);
    const m = this.byChannel.get(key);
    if (m === undefined) return undefined;
    const old = m.get(connectionId);
    if (old === undefined) return undefined;
    m.delete(connectionId);
    this.count--;
    if (m.size === 0) this.byChannel.delete(key);
    return old;
  }
  list(db: string, channel: string): PresenceInfo[] {
    const m = this.byChannel.get(channelKey(db, channel));
    return m === undefined ? [] : [...m.values()];
  }
  channels(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [c, m] of this.byChannel) out.set(c, m.size);
    return out;
  }
  members(): number {
    return this.count;
  }
  async close(): Promise<void> {}
}

export function memoryEngine(): Engine {
  return { broker: new MemoryBroker(), presence: new MemoryPresence() };
}
