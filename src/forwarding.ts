// Native forwarding of channel broadcasts (see forward-analysis.ts for when a script qualifies).
//
// A session of such a script that waits in recv_any with nothing queued subscribes its socket to the
// uWS topics of its channels (at the first broadcast that finds it so: waits ended by presence events
// alone cost no native calls); a broadcast then reaches it through one app.publish (fan-out in C++),
// with the text `json.encode(msg.data)` would have produced, instead of an event, a resume and a send.
// Any other input (a client message, a presence event, a timeout, a broadcast it cannot take natively)
// first takes the session off the topics, so everything after it goes through the script in order.
//
// uWS queues a publication per subscriber until the end of the loop iteration (or its next send,
// which drains the queue first, keeping order), but drops that queue when the socket leaves its last
// topic: a forwarding socket stays subscribed to KEEP_TOPIC (never published to) so it never does.
import type { Publication } from './engine.js';
import { LuaTable, SharedJson, openJson } from './lua.js';
import { isUtf8 } from 'node:buffer';

export const KEEP_TOPIC = 'k';

/**
 * The uWS topic of a channel, from its channelKey (engine.ts: the database length-prefixed, so a channel
 * name cannot reach another database's topic); the prefix keeps channel topics apart from KEEP_TOPIC.
 */
export function channelTopic(key: string): string {
  return 'c' + key;
}

/** The library's json.encode: a script whose `json.encode` is something else is not forwarded. */
export const JSON_ENCODE = openJson(new LuaTable()).getStr('encode');

/** What a forwarding session sends for one publication. */
export interface Forward {
  bytes: Buffer;
  binary: boolean;
  /** bytes charged against the session's backpressure slack */
  cost: number;
  /** when it was published (performance.now()): the wait it ends in the script */
  time: number;
  /** the last `json` table checked for the original encode during this publication's fan-out, and the answer */
  json: LuaTable | undefined;
  jsonOk: boolean;
}

/** Publishes bytes to a uWS topic (app.publish). */
export type NativePublish = (topic: string, bytes: Buffer, isBinary: boolean) => void;

/**
 * The forward of a publication: `json.encode(msg.data)` as the script computes it (the shared decode,
 * encoded once), or null when that raises (the scripts then see it as an event, raising there).
 */
export function forwardOf(p: Publication, frameOverhead: number): Forward | null {
  if (p.forward !== undefined) return p.forward;
  let fw: Forward | null = null;
  try {
    const s: unknown = JSON_ENCODE((p.shared ??= new SharedJson(p.data)).value());
    if (typeof s === 'string') {
      const bytes = Buffer.from(s, 'latin1');
      fw = { bytes, binary: !isUtf8(bytes), cost: bytes.length + frameOverhead, time: performance.now(), json: undefined, jsonOk: false };
    }
  } catch {
    fw = null;
  }
  return (p.forward = fw);
}
