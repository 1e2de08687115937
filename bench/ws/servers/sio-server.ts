// Socket.IO chat server with rooms: the spec's Simple Chat Room protocol as Socket.IO events ("msg"),
// WebSocket transport only. Usage: node sio-server.js --port N [--host 127.0.0.1]
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { arg, type PresenceRecord } from './common.js';

const host = arg('--host', '127.0.0.1');
const port = Number(arg('--port', '7400'));
const presence = new Map<string, Map<string, PresenceRecord>>();

const http = createServer();
const io = new Server(http, { transports: ['websocket'], perMessageDeflate: false, maxHttpBufferSize: 64 * 1024, serveClient: false });
io.on('connection', (socket) => {
  const q = socket.handshake.query;
  const room = 'chat:' + (typeof q.room === 'string' ? q.room : 'general');
  const user = { name: typeof q.name === 'string' ? q.name : 'Anonymous', joined: Math.floor(Date.now() / 1000) * 1000 };
  void socket.join(room);
  let members = presence.get(room);
  if (members === undefined) presence.set(room, (members = new Map()));
  members.set(socket.id, { connection_id: socket.id, user_info: user, joined_at: Date.now() });
  socket.to(room).emit('msg', { type: 'presence_join', user });
  socket.emit('msg', { type: 'init', users: [...members.values()] });
  socket.on('msg', (m: { type?: unknown; text?: unknown }) => {
    if (m !== null && typeof m === 'object' && m.type === 'message') io.to(room).emit('msg', { type: 'chat', from: user.name, text: m.text });
  });
  socket.on('disconnect', () => {
    const ms = presence.get(room);
    if (ms !== undefined) {
      ms.delete(socket.id);
      if (ms.size === 0) presence.delete(room);
    }
    io.to(room).emit('msg', { type: 'presence_leave', user });
  });
});
http.listen(port, host, () => console.log(`socket.io chat server on ${host}:${port}`));
process.on('SIGTERM', () => process.exit(0));
