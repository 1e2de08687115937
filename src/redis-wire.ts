// What the Redis engine writes to Redis: key names and the frames sent over pub/sub.
//
// Channel names, JSON payloads and user infos are Lua byte strings (chars 0..255), so every frame and
// record is sent as a latin1 Buffer: Redis holds the real bytes, and nothing is re-encoded on the way.
// A frame is one JSON header line, '\n', then the payload (a JSON text) untouched: the payload is not
// escaped a second time inside the header. Channels are per database (channelKey, engine.ts): every
// Redis name, frame and record of a channel carries its database.
import { channelKey } from './engine.js';

export class RedisKeys {
  constructor(readonly prefix: string) {}
  /** Pub/sub channel of the publications of channel `name` of database `db` (`{prefix}ch:{len}:{db}:{name}`). */
  channel(db: string, name: string): Buffer {
    return Buffer.from(`${this.prefix}ch:${channelKey(db, name)}`, 'latin1');
  }
  /** Pub/sub channel of every presence event (every node keeps a replica of every channel's presence). */
  get presenceEvents(): Buffer {
    return Buffer.from(`${this.prefix}presence-events`, 'latin1');
  }
  /** Set of the node ids that own records or a heartbeat. */
  get nodes(): string {
    return `${this.prefix}nodes`;
  }
  /** A node's heartbeat (expires when the node stops refreshing it). */
  heartbeat(node: string): string {
    return `${this.prefix}node:${node}`;
  }
  /** Hash of a node's presence records: field (connection id, database, channel) → encoded record. */
  records(node: string): string {
    return `${this.prefix}presence:${node}`;
  }
}

export interface WirePublication {
  kind: 'pub';
  /** The publishing node (its own frames come back and are dropped). */
  node: string;
  db: string;
  channel: string;
  timestamp: number;
  senderId: string | undefined;
  data: string;
}

export interface WirePresence {
  kind: 'join' | 'leave';
  node: string;
  /** The node whose connection joined or left; differs from `node` when a live node reaps a dead one. */
  owner: string;
  db: string;
  channel: string;
  connectionId: string;
  timestamp: number;
  joinedAt: number;
  userInfo: string;
}

export type WireFrame = WirePublication | WirePresence;

function frame(header: unknown[], payload: string): Buffer {
  // JSON.stringify keeps chars 0..255 as they are (and escapes newlines), so latin1 is lossless
  return Buffer.from(JSON.stringify(header) + '\n' + payload, 'latin1');
}

export function encodeFrame(f: WireFrame): Buffer {
  if (f.kind === 'pub') return frame(['pub', f.node, f.db, f.channel, f.timestamp, f.senderId ?? null], f.data);
  return frame([f.kind, f.node, f.owner, f.db, f.channel, f.connectionId, f.timestamp, f.joinedAt], f.userInfo);
}

/** The frame, or undefined when it is not one of ours. */
export function decodeFrame(buf: Buffer): WireFrame | undefined {
  const text = buf.toString('latin1');
  const nl = text.indexOf('\n');
  if (nl < 0) return undefined;
  let h: unknown;
  try {
    h = JSON.parse(text.slice(0, nl));
  } catch {
    return undefined;
  }
  if (!Array.isArray(h)) return undefined;
  const payload = text.slice(nl + 1);
  // frames without a database (an older node's) are not ours: they would leak across databases
  if (h[0] === 'pub' && h.length === 6 && typeof h[2] === 'string' && typeof h[3] === 'string') {
    return { kind: 'pub', node: h[1], db: h[2], channel: h[3], timestamp: h[4], senderId: h[5] ?? undefined, data: payload };
  }
  if ((h[0] === 'join' || h[0] === 'leave') && h.length === 8 && typeof h[3] === 'string' && typeof h[4] === 'string') {
    return { kind: h[0], node: h[1], owner: h[2], db: h[3], channel: h[4], connectionId: h[5], timestamp: h[6], joinedAt: h[7], userInfo: payload };
  }
  return undefined;
}

/** A presence record as stored in a node's hash (it carries its own database, channel and connection id). */
export interface StoredRecord {
  db: string;
  channel: string;
  connectionId: string;
  joinedAt: number;
  userInfo: string;
}

export function recordField(db: string, channel: string, connectionId: string): Buffer {
  return Buffer.from(`${connectionId} ${channelKey(db, channel)}`, 'latin1');
}

export function encodeRecord(r: StoredRecord): Buffer {
  return frame([r.db, r.channel, r.connectionId, r.joinedAt], r.userInfo);
}

export function decodeRecord(buf: Buffer): StoredRecord | undefined {
  const text = buf.toString('latin1');
  const nl = text.indexOf('\n');
  if (nl < 0) return undefined;
  try {
    const h = JSON.parse(text.slice(0, nl));
    if (!Array.isArray(h) || h.length !== 4 || typeof h[0] !== 'string' || typeof h[1] !== 'string') return undefined;
    return { db: h[0], channel: h[1], connectionId: h[2], joinedAt: h[3], userInfo: text.slice(nl + 1) };
  } catch {
    return undefined;
  }
}
