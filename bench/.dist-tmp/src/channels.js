import { batch } from './scheduler.js';
import { stats } from './metrics.js';
export const EV_CHANNEL = 1;
export const EV_PRESENCE = 2;
export class ChannelHub {
    broker;
    subs = new Map();
    constructor(broker) {
        this.broker = broker;
        broker.setHandler(this);
    }
    subscribe(s, channel) {
        let set = this.subs.get(channel);
        if (set === undefined) {
            this.subs.set(channel, (set = new Set()));
            this.broker.subscribe(channel);
        }
        set.add(s);
    }
    unsubscribe(s, channel) {
        const set = this.subs.get(channel);
        if (set === undefined || !set.delete(s))
            return;
        if (set.size === 0) {
            this.subs.delete(channel); // empty channels are garbage collected
            this.broker.unsubscribe(channel);
        }
    }
    /** Publish JSON `data` (byte string) to every subscriber of `channel` on every node, the sender included. */
    publish(channel, data, senderId) {
        stats.broadcasts++;
        this.broker.publish({ channel, data, timestamp: Date.now(), senderId });
    }
    onPublication(p) {
        const set = this.subs.get(p.channel);
        if (set === undefined)
            return;
        stats.eventsDelivered += set.size;
        batch(() => {
            for (const s of set)
                s.deliver(EV_CHANNEL, p);
        });
    }
    /** Presence events go to the channel's subscribers other than the connection that joined or left. */
    onPresence(e) {
        const set = this.subs.get(e.channel);
        if (set === undefined)
            return;
        batch(() => {
            for (const s of set) {
                if (s.id === e.connectionId)
                    continue;
                stats.eventsDelivered++;
                s.deliver(EV_PRESENCE, e);
            }
        });
    }
    subscriberCount(channel) {
        return this.subs.get(channel)?.size ?? 0;
    }
    /** Local channels and their subscriber counts. */
    channels() {
        const out = new Map();
        for (const [c, s] of this.subs)
            out.set(c, s.size);
        return out;
    }
    get size() {
        return this.subs.size;
    }
}
//# sourceMappingURL=channels.js.map