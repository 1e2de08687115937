// Messages between the benchmark's main thread and its client worker threads.
import type { Dialect } from './wsclient.js';

export interface Target {
  host: string;
  port: number;
  dialect: Dialect;
  /** Path up to and including the '?' or '&' before `room=...&name=...`. */
  pathPrefix: string;
  /** Padding characters appended after the timestamp in each chat text. */
  pad: number;
}

export interface ClientSpec {
  room: string;
  name: string;
  sender: boolean;
  /** Keep a presence view (init + join/leave events) for the correctness check. */
  track: boolean;
}

export interface ConnectResult {
  opened: number;
  failed: number;
  firstError?: string;
  ms: number;
}

export interface StatsResult {
  sent: number;
  delivered: number;
  /** HDR histogram of end-to-end latency in microseconds, compressed base64. */
  hist: string;
  unexpectedCloses: number;
  closeCodes: Record<string, number>;
  open: number;
}

export interface ChurnResult {
  joined: Record<string, number>;
  failed: number;
  firstError?: string;
  started: number;
}

export interface PresenceCheckResult {
  checked: number;
  mismatches: number;
  example?: string;
  joinsByRoom: Record<string, number>;
  leavesByRoom: Record<string, number>;
  trackedByRoom: Record<string, number>;
}

export interface ProbeResult {
  rooms: Record<string, string[]>;
  failed: number;
}

export type Command =
  | { cmd: 'target'; target: Target }
  | { cmd: 'connect'; clients: ClientSpec[]; concurrency: number }
  | { cmd: 'load'; rate: number }
  | { cmd: 'stopLoad' }
  | { cmd: 'stats'; reset: boolean; resetPresence?: boolean }
  | { cmd: 'churn'; rooms: string[]; rate: number; durationMs: number; minStayMs: number; maxStayMs: number; prefix: string }
  | { cmd: 'presenceCheck'; expected: Record<string, string[]> }
  | { cmd: 'probe'; clients: ClientSpec[] }
  | { cmd: 'closeAll' };

export interface Request {
  id: number;
  body: Command;
}

export interface Reply {
  id: number;
  result?: unknown;
  error?: string;
}
