// This node's copy of the presence records of every node, so that presence reads stay synchronous
// (Lua calls presence.list right after join). Each channel's records are kept in joinedAt order; records
// with the same joinedAt keep their arrival order. Channels are per database: kept by channelKey(db, channel).
import { channelKey, type PresenceInfo } from './engine.js';

export interface ReplicaRecord extends PresenceInfo {
  db: string;
  channel: string;
  /** The node the connection is on. */
  node: string;
}

class ChannelRecords {
  readonly byId = new Map<string, ReplicaRecord>();
  /** Largest joinedAt ever added (may be stale after removals: then an append takes the slow path). */
  newest = -Infinity;

  insert(r: ReplicaRecord): void {
    if (r.joinedAt >= this.newest) {
      this.newest = r.joinedAt;
      this.byId.set(r.connectionId, r);
      return;
    }
    // a late arrival from another node (or a clock behind ours): rebuild in order
    const all = [...this.byId.values()];
    this.byId.clear();
    let placed = false;
    for (const e of all) {
      if (!placed && e.joinedAt > r.joinedAt) {
        this.byId.set(r.connectionId, r);
        placed = true;
      }
      this.byId.set(e.connectionId, e);
    }
    if (!placed) this.byId.set(r.connectionId, r);
  }
}

export class PresenceReplica {
  /** channelKey → records */
  private readonly byChannel = new Map<string, ChannelRecords>();
  private count = 0;

  get(db: string, channel: string, connectionId: string): ReplicaRecord | undefined {
    return this.byChannel.get(channelKey(db, channel))?.byId.get(connectionId);
  }

  /** Add or replace; returns the replaced record. */
  add(r: ReplicaRecord): ReplicaRecord | undefined {
    const key = channelKey(r.db, r.channel);
    let c = this.byChannel.get(key);
    if (c === undefined) this.byChannel.set(key, (c = new ChannelRecords()));
    const old = c.byId.get(r.connectionId);
    if (old !== undefined) c.byId.delete(r.connectionId);
    else this.count++;
    c.insert(r);
    return old;
  }

  remove(db: string, channel: string, connectionId: string): ReplicaRecord | undefined {
    const key = channelKey(db, channel);
    const c = this.byChannel.get(key);
    const old = c?.byId.get(connectionId);
    if (c === undefined || old === undefined) return undefined;
    c.byId.delete(connectionId);
    this.count--;
    if (c.byId.size === 0) this.byChannel.delete(key);
    return old;
  }

  list(db: string, channel: string): ReplicaRecord[] {
    const c = this.byChannel.get(channelKey(db, channel));
    return c === undefined ? [] : [...c.byId.values()];
  }

  /** Every record, every channel. */
  *all(): IterableIterator<ReplicaRecord> {
    for (const c of this.byChannel.values()) yield* c.byId.values();
  }

  /** Channels with records, by channelKey, and their sizes. */
  channels(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [name, c] of this.byChannel) out.set(name, c.byId.size);
    return out;
  }

  get size(): number {
    return this.count;
  }
}
