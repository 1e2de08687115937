// Presence: who is present in which channel (of which database), with join/leave events through the broker.
import type { Broker, PresenceInfo, PresenceManager } from './engine.js';
import { SharedJson } from '../runtime/lib/json.js';

export class PresenceService {
  constructor(
    private readonly manager: PresenceManager,
    private readonly broker: Broker,
  ) {}

  /** Join (or re-join, replacing the user info): emits a join event either way. */
  join(db: string, channel: string, connectionId: string, userInfo: string): void {
    const now = Date.now();
    // the record (presence.list) and the join event share one decode of the user info (decoded lazily)
    const shared = new SharedJson(userInfo);
    this.manager.add(db, channel, { connectionId, userInfo, joinedAt: now, shared });
    this.broker.publishPresence({ eventType: 'join', db, channel, connectionId, userInfo, timestamp: now, shared });
  }

  /** Leave; emits a leave event (with the user info given at join) when the connection was present. */
  leave(db: string, channel: string, connectionId: string): boolean {
    const old = this.manager.remove(db, channel, connectionId);
    if (old === undefined) return false;
    this.broker.publishPresence({ eventType: 'leave', db, channel, connectionId, userInfo: old.userInfo, timestamp: Date.now(), shared: old.shared });
    return true;
  }

  list(db: string, channel: string): PresenceInfo[] {
    return this.manager.list(db, channel);
  }

  /** Channels with presence records, by channelKey (engine.ts), and their sizes. */
  channels(): Map<string, number> {
    return this.manager.channels();
  }

  members(): number {
    return this.manager.members();
  }
}
