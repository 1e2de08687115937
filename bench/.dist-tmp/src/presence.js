export class PresenceService {
    manager;
    broker;
    constructor(manager, broker) {
        this.manager = manager;
        this.broker = broker;
    }
    /** Join (or re-join, replacing the user info): emits a join event either way. */
    join(channel, connectionId, userInfo) {
        const now = Date.now();
        this.manager.add(channel, { connectionId, userInfo, joinedAt: now });
        this.broker.publishPresence({ eventType: 'join', channel, connectionId, userInfo, timestamp: now });
    }
    /** Leave; emits a leave event (with the user info given at join) when the connection was present. */
    leave(channel, connectionId) {
        const old = this.manager.remove(channel, connectionId);
        if (old === undefined)
            return false;
        this.broker.publishPresence({ eventType: 'leave', channel, connectionId, userInfo: old.userInfo, timestamp: Date.now() });
        return true;
    }
    list(channel) {
        return this.manager.list(channel);
    }
    channels() {
        return this.manager.channels();
    }
    members() {
        return this.manager.members();
    }
}
//# sourceMappingURL=presence.js.map