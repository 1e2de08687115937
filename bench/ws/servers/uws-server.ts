// Hand-written uWebSockets.js chat server: the spec's Simple Chat Room protocol with native topic publish.
// The limit of moongate's own stack. Usage: node uws-server.js --port N [--host 127.0.0.1]
import uWS from 'uWebSockets.js';
import { randomUUID } from 'node:crypto';
import { arg, type PresenceRecord } from './common.js';

interface Data {
  id: string;
  room: string;
  topic: string;
  user: { name: string; joined: number };
}

const host = arg('--host', '127.0.0.1');
const port = Number(arg('--port', '7400'));
const presence = new Map<string, Map<string, PresenceRecord>>();
const app = uWS.App();

app.ws<Data>('/*', {
  maxPayloadLength: 64 * 1024,
  maxBackpressure: 1024 * 1024 + 256 * 1024, // like moongate: slow consumers get ~1 MB of buffer
  idleTimeout: 120,
  sendPingsAutomatically: true,
  upgrade: (res, req, context) => {
    const q = new URLSearchParams(req.getQuery() ?? '');
    const room = q.get('room') ?? 'general';
    const data: Data = {
      id: randomUUID(),
      room,
      topic: 'chat:' + room,
      user: { name: q.get('name') ?? 'Anonymous', joined: Math.floor(Date.now() / 1000) * 1000 },
    };
    res.upgrade(data, req.getHeader('sec-websocket-key'), req.getHeader('sec-websocket-protocol'), req.getHeader('sec-websocket-extensions'), context);
  },
  open: (ws) => {
    const d = ws.getUserData();
    ws.subscribe(d.topic);
    let members = presence.get(d.topic);
    if (members === undefined) presence.set(d.topic, (members = new Map()));
    members.set(d.id, { connection_id: d.id, user_info: d.user, joined_at: Date.now() });
    ws.publish(d.topic, JSON.stringify({ type: 'presence_join', user: d.user })); // others only
    ws.send(JSON.stringify({ type: 'init', users: [...members.values()] }));
  },
  message: (ws, message) => {
    const d = ws.getUserData();
    let m: { type?: unknown; text?: unknown };
    try {
      m = JSON.parse(Buffer.from(message).toString('utf8'));
    } catch {
      return;
    }
    if (m.type === 'message') app.publish(d.topic, JSON.stringify({ type: 'chat', from: d.user.name, text: m.text })); // sender included
  },
  close: (ws) => {
    const d = ws.getUserData();
    const members = presence.get(d.topic);
    if (members !== undefined) {
      members.delete(d.id);
      if (members.size === 0) presence.delete(d.topic);
    }
    app.publish(d.topic, JSON.stringify({ type: 'presence_leave', user: d.user }));
  },
});

app.listen(host, port, (ls) => {
  if (!ls) {
    console.error(`cannot listen on ${host}:${port}`);
    process.exit(1);
  }
  console.log(`uws chat server on ${host}:${port}`);
});
process.on('SIGTERM', () => process.exit(0));
