// The channel + presence engine, centrifuge-style: a Broker moves publications and presence events
// between nodes, a PresenceManager stores who is present where. The in-memory implementations below
// serve one process; a Redis implementation (sharded pub/sub + hash/zset presence with TTL refresh)
// can be dropped in through `Engine` without touching sessions or the Lua API.
//
// Payloads stay encoded: `data` and `userInfo` are JSON texts as Lua byte strings (UTF-8 bytes as
// chars 0..255), encoded once by the publisher and decoded by each receiving script.
export class MemoryBroker {
    h;
    setHandler(h) {
        this.h = h;
    }
    subscribe(_channel) { }
    unsubscribe(_channel) { }
    publish(p) {
        this.h?.onPublication(p);
    }
    publishPresence(e) {
        this.h?.onPresence(e);
    }
    async close() { }
}
export class MemoryPresence {
    byChannel = new Map();
    count = 0;
    add(channel, info) {
        let m = this.byChannel.get(channel);
        if (m === undefined)
            this.byChannel.set(channel, (m = new Map()));
        const old = m.get(info.connectionId);
        if (old !== undefined)
            m.delete(info.connectionId); // re-join moves to the end, like a new join
        else
            this.count++;
        m.set(info.connectionId, info);
        return old;
    }
    remove(channel, connectionId) {
        const m = this.byChannel.get(channel);
        if (m === undefined)
            return undefined;
        const old = m.get(connectionId);
        if (old === undefined)
            return undefined;
        m.delete(connectionId);
        this.count--;
        if (m.size === 0)
            this.byChannel.delete(channel);
        return old;
    }
    list(channel) {
        const m = this.byChannel.get(channel);
        return m === undefined ? [] : [...m.values()];
    }
    channels() {
        const out = new Map();
        for (const [c, m] of this.byChannel)
            out.set(c, m.size);
        return out;
    }
    members() {
        return this.count;
    }
    async close() { }
}
export function memoryEngine() {
    return { broker: new MemoryBroker(), presence: new MemoryPresence() };
}
//# sourceMappingURL=engine.js.map