// Metrics. The hot path bumps plain numbers in `stats`; prom-client reads them at scrape time.
import client from 'prom-client';

export const stats = {
  connectionsOpen: 0,
  connectionsTotal: 0,
  messagesIn: 0,
  messagesOut: 0,
  broadcasts: 0,
  eventsDelivered: 0,
  forwarded: 0,
  scriptErrors: 0,
  cpuLimitKills: 0,
  slowConsumerCloses: 0,
  queueOverflowCloses: 0,
  tooLargeCloses: 0,
  httpInvocations: 0,
  compileErrors: 0,
};

/** Gauges the engine knows: set by the server at start-up. */
export const gauges = {
  channels: (): number => 0,
  presenceMembers: (): number => 0,
  scripts: (): number => 0,
};

export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry, prefix: 'moongate_process_', eventLoopMonitoringPrecision: 10 });

function counter(name: string, help: string, read: () => number): void {
  new client.Counter({
    name,
    help,
    registers: [registry],
    collect() {
      this.reset();
      this.inc(read());
    },
  });
}
function gauge(name: string, help: string, read: () => number): void {
  new client.Gauge({
    name,
    help,
    registers: [registry],
    collect() {
      this.set(read());
    },
  });
}

gauge('moongate_ws_connections', 'Open WebSocket connections', () => stats.connectionsOpen);
counter('moongate_ws_connections_total', 'WebSocket connections accepted', () => stats.connectionsTotal);
counter('moongate_ws_messages_in_total', 'Client messages received', () => stats.messagesIn);
counter('moongate_ws_messages_out_total', 'Messages sent to clients', () => stats.messagesOut);
counter('moongate_broadcasts_total', 'Channel broadcasts published', () => stats.broadcasts);
counter('moongate_events_delivered_total', 'Channel and presence events queued for scripts', () => stats.eventsDelivered);
counter('moongate_forwarded_total', 'Channel broadcasts sent natively to sessions of forwarding scripts (no script run)', () => stats.forwarded);
counter('moongate_script_errors_total', 'Uncaught script errors', () => stats.scriptErrors);
counter('moongate_cpu_limit_kills_total', 'Scripts stopped by the CPU limit', () => stats.cpuLimitKills);
counter('moongate_slow_consumer_closes_total', 'Connections closed because the client could not keep up', () => stats.slowConsumerCloses);
counter('moongate_queue_overflow_closes_total', 'Connections closed because their event queue overflowed', () => stats.queueOverflowCloses);
counter('moongate_message_too_large_closes_total', 'Connections closed for an oversized message', () => stats.tooLargeCloses);
counter('moongate_http_invocations_total', 'HTTP script invocations', () => stats.httpInvocations);
counter('moongate_compile_errors_total', 'Rejected registrations (syntax errors)', () => stats.compileErrors);
gauge('moongate_channels', 'Channels (database, name) with at least one local subscriber', () => gauges.channels());
gauge('moongate_presence_members', 'Presence records over all channels', () => gauges.presenceMembers());
gauge('moongate_scripts', 'Registered scripts', () => gauges.scripts());

export const compileSeconds = new client.Histogram({
  name: 'moongate_compile_seconds',
  help: 'Time to compile a script on the worker pool',
  buckets: [0.001, 0.005, 0.02, 0.1, 0.5, 2, 10],
  registers: [registry],
});

export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  return { contentType: registry.contentType, body: await registry.metrics() };
}
