// Chat server on the `ws` package: the spec's Simple Chat Room protocol, rooms as Sets of sockets,
// each broadcast stringified once and sent as one Buffer to every member.
// Usage: node ws-server.js --port N [--host 127.0.0.1]
import { WebSocketServer, type WebSocket } from 'ws';
import { randomUUID } from 'node:crypto';
import { arg, type PresenceRecord } from './common.js';

interface Member {
  ws: WebSocket;
  rec: PresenceRecord;
}

const host = arg('--host', '127.0.0.1');
const port = Number(arg('--port', '7400'));
const rooms = new Map<string, Set<Member>>();

function toRoom(room: Set<Member>, data: string, except?: Member): void {
  const b = Buffer.from(data);
  for (const m of room) if (m !== except && m.ws.readyState === 1) m.ws.send(b, { binary: false });
}

const wss = new WebSocketServer({ host, port, maxPayload: 64 * 1024, perMessageDeflate: false, clientTracking: false });
wss.on('connection', (ws, req) => {
  const q = new URL(req.url ?? '/', 'http://x').searchParams;
  const roomName = 'chat:' + (q.get('room') ?? 'general');
  const user = { name: q.get('name') ?? 'Anonymous', joined: Math.floor(Date.now() / 1000) * 1000 };
  const me: Member = { ws, rec: { connection_id: randomUUID(), user_info: user, joined_at: Date.now() } };
  let room = rooms.get(roomName);
  if (room === undefined) rooms.set(roomName, (room = new Set()));
  room.add(me);
  toRoom(room, JSON.stringify({ type: 'presence_join', user }), me);
  ws.send(JSON.stringify({ type: 'init', users: [...room].map((m) => m.rec) }));
  const r = room;
  ws.on('message', (data) => {
    let m: { type?: unknown; text?: unknown };
    try {
      m = JSON.parse((data as Buffer).toString('utf8'));
    } catch {
      return;
    }
    if (m.type === 'message') toRoom(r, JSON.stringify({ type: 'chat', from: user.name, text: m.text }));
  });
  ws.on('close', () => {
    r.delete(me);
    if (r.size === 0) rooms.delete(roomName);
    else toRoom(r, JSON.stringify({ type: 'presence_leave', user }));
  });
  ws.on('error', () => {});
});
wss.on('listening', () => console.log(`ws chat server on ${host}:${port}`));
process.on('SIGTERM', () => process.exit(0));
