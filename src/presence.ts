// Presence: who is present in which channel, with join/leave events through the broker.
import type { Broker, PresenceInfo, PresenceManager } from './engine.js';

export class PresenceService {
  constructor(
    private readonly manager: PresenceManager,
    private readonly broker: Broker,
  ) {}

  /** Join (or re-join, replacing the user info): emits a join event either way. */
  join(channel: string, connectionId: string, userInfo: string): void {
    const now = Date.now();
    this.manager.add(channel, { connectionId, userInfo, joinedAt: now });
    this.broker.publishPresence({ eventType: 'join', channel, connectionId, userInfo, timestamp: now });
  }

  /** Leave; emits a leave event (with the user info given at join) when the connection was present. */
  leave(channel: string, connectionId: string): boolean {
    const old = this.manager.remove(channel, connectionId);
    if (old === undefined) return false;
    this.broker.publishPresence({ eventType: 'leave', channel, connectionId, userInfo: old.userInfo, timestamp: Date.now() });
    return true;
  }

  list(channel: string): PresenceInfo[] {
    return this.manager.list(channel);
  }

  channels(): Map<string, number> {
    return this.manager.channels();
  }

  members(): number {
    return this.manager.members();
  }
}
