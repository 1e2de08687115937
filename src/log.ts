// Structured logs (pino, JSON lines on stdout).
import { pino, type Logger } from 'pino';

export type { Logger };

export let log: Logger = pino({ level: process.env.MOONGATE_LOG_LEVEL ?? 'info', base: { svc: 'moongate' } });

export function setLogLevel(level: string): void {
  log.level = level;
}

/** The logger a script's print() writes to: tagged with the script and, for WebSockets, the connection. */
export function scriptLogger(script: string, conn?: string): Logger {
  return log.child(conn === undefined ? { script } : { script, conn });
}
