// This node's channel registry: which local connections are subscribed to which channel. Channels are
// per database: the maps are keyed by channelKey(db, name) (engine.ts), so two databases' channels of
// the same name never meet. Publications
// and presence events come in from the Broker (local or, later, remote) and are handed to each local
// subscriber as the same shared, still-encoded object: one encode per broadcast; the receivers share one
// decode of it (Publication.shared, session.ts). Delivering only queues: receivers run after this turn's
// I/O (scheduler.ts wakeSoon), so a loop over subscribers runs no script.
import { channelKey, type Broker, type BrokerHandler, type Publication, type PresenceEvent } from './engine.js';
import { stats } from './metrics.js';
import { channelTopic, forwardOf, type Forward, type NativePublish } from './forwarding.js';

export const EV_CHANNEL = 1;
export const EV_PRESENCE = 2;

export interface Subscriber {
  readonly id: string;
  /** Idle, taking publications natively (forwarding.ts). */
  readonly forwarding?: boolean;
  /** Take `fw` natively (true), or leave forwarding and have it delivered as an event (false). */
  forward?(fw: Forward): boolean;
  deliver(kind: typeof EV_CHANNEL, payload: Publication): void;
  deliver(kind: typeof EV_PRESENCE, payload: PresenceEvent): void;
}

export class ChannelHub implements BrokerHandler {
  /** channelKey → local subscribers */
  private readonly subs = new Map<string, Set<Subscriber>>();
  /** Local connections present in a channel (presence.join): they get its presence events too (by channelKey). */
  private readonly present = new Map<string, Set<Subscriber>>();
  private native: NativePublish | undefined;
  /** Bytes charged per forwarded message on top of the text (the sessions' backpressure rule). */
  private frameOverhead = 0;

  constructor(private readonly broker: Broker) {
    broker.setHandler(this);
  }

  /** Enable native forwarding: subscribers that are `forwarding` get publications through `publish`. */
  setNativePublish(publish: NativePublish, frameOverhead: number): void {
    this.native = publish;
    this.frameOverhead = frameOverhead;
  }

  get nativeForwarding(): boolean {
    return this.native !== undefined;
  }

  subscribe(s: Subscriber, db: string, channel: string): void {
    const key = channelKey(db, channel);
    let set = this.subs.get(key);
    if (set === undefined) {
      this.subs.set(key, (set = new Set()));
      this.broker.subscribe(db, channel);
    }
    set.add(s);
  }

  unsubscribe(s: Subscriber, db: string, channel: string): void {
    const key = channelKey(db, channel);
    const set = this.subs.get(key);
    if (set === undefined || !set.delete(s)) return;
    if (set.size === 0) {
      this.subs.delete(key); // empty channels are garbage collected
      this.broker.unsubscribe(db, channel);
    }
  }

  /** Publish JSON `data` (byte string) to every subscriber of `channel` of `db` on every node, the sender included. */
  publish(db: string, channel: string, data: string, senderId: string | undefined): void {
    stats.broadcasts++;
    this.broker.publish({ db, channel, data, timestamp: Date.now(), senderId });
  }

  onPublication(p: Publication): void {
    const key = channelKey(p.db, p.channel);
    const set = this.subs.get(key);
    if (set === undefined) return;
    stats.eventsDelivered += set.size;
    // forwarding subscribers take it through one native publish after this loop; a subscriber that
    // cannot (see Session.forward) leaves its topics first, so it gets exactly one copy, as an event
    let fw: Forward | null | undefined;
    let n = 0;
    for (const s of set) {
      if (s.forwarding === true) {
        fw ??= forwardOf(p, this.frameOverhead);
        if (fw !== null && s.forward!(fw)) {
          n++;
          continue;
        }
      }
      s.deliver(EV_CHANNEL, p);
    }
    if (n > 0) {
      stats.messagesOut += n;
      stats.forwarded += n;
      this.native!(channelTopic(key), fw!.bytes, fw!.binary);
    }
  }

  /** `s` joined the presence of `channel` (it receives the channel's presence events, subscribed or not). */
  addPresent(s: Subscriber, db: string, channel: string): void {
    const key = channelKey(db, channel);
    let set = this.present.get(key);
    if (set === undefined) this.present.set(key, (set = new Set()));
    set.add(s);
  }

  removePresent(s: Subscriber, db: string, channel: string): void {
    const key = channelKey(db, channel);
    const set = this.present.get(key);
    if (set === undefined || !set.delete(s)) return;
    if (set.size === 0) this.present.delete(key);
  }

  /**
   * Presence events go to the connections subscribed to the channel or present in it (as the reference
   * system delivers them; its presence_demo.lua only joins), once each, other than the connection that
   * joined or left ("other connections", says the spec).
   */
  onPresence(e: PresenceEvent): void {
    const key = channelKey(e.db, e.channel);
    const set = this.subs.get(key);
    const pres = this.present.get(key);
    if (set !== undefined) {
      for (const s of set) {
        if (s.id === e.connectionId) continue;
        stats.eventsDelivered++;
        s.deliver(EV_PRESENCE, e);
      }
    }
    if (pres !== undefined) {
      for (const s of pres) {
        if (s.id === e.connectionId || set?.has(s) === true) continue;
        stats.eventsDelivered++;
        s.deliver(EV_PRESENCE, e);
      }
    }
  }

  subscriberCount(db: string, channel: string): number {
    return this.subs.get(channelKey(db, channel))?.size ?? 0;
  }

  /** Local channels (by channelKey) and their subscriber counts. */
  channels(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [c, s] of this.subs) out.set(c, s.size);
    return out;
  }

  get size(): number {
    return this.subs.size;
  }
}
