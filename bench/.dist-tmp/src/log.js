// Structured logs (pino, JSON lines on stdout).
import { pino } from 'pino';
export let log = pino({ level: process.env.MOONGATE_LOG_LEVEL ?? 'info', base: { svc: 'moongate' } });
export function setLogLevel(level) {
    log.level = level;
}
/** The logger a script's print() writes to: tagged with the script and, for WebSockets, the connection. */
export function scriptLogger(script, conn) {
    return log.child(conn === undefined ? { script } : { script, conn });
}
//# sourceMappingURL=log.js.map