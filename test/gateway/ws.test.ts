// WebSocket sessions: every call and event of the spec, close codes, limits, cleanup.
import t from 'tap';
import { startServer, connect, sleep, type Server, type Client } from './helpers.js';

t.setTimeout(120_000);

// A script driven by JSON commands from its client, reporting everything it gets.
const CMD = `
local function reply(t) solidb.ws.send(json.encode(t)) end
reply({type = "hello", q = request.query})
while true do
  local msg, kind = solidb.ws.recv_any(tonumber(request.query.t) or 30000)
  if msg == nil then
    reply({type = "nil", kind = kind})
    if request.query.exit_on_nil then break end
  elseif kind == "ws" then
    local c = json.decode(msg)
    if c.op == "sub" then reply({op = "sub", r = solidb.ws.channel.subscribe(c.ch)})
    elseif c.op == "unsub" then reply({op = "unsub", r = solidb.ws.channel.unsubscribe(c.ch)})
    elseif c.op == "pub" then reply({op = "pub", r = solidb.ws.channel.broadcast(c.ch, c.data)})
    elseif c.op == "list" then reply({op = "list", r = solidb.ws.channel.list()})
    elseif c.op == "join" then reply({op = "join", r = solidb.ws.presence.join(c.ch, c.info)})
    elseif c.op == "leave" then reply({op = "leave", r = solidb.ws.presence.leave(c.ch)})
    elseif c.op == "who" then reply({op = "who", r = solidb.ws.presence.list(c.ch)})
    elseif c.op == "recv" then local m = solidb.ws.recv() reply({op = "recv", r = m})
    elseif c.op == "close" then solidb.ws.close() reply({op = "after close"})
    elseif c.op == "end" then break
    elseif c.op == "error" then error(c.msg)
    elseif c.op == "spin" then while true do end
    elseif c.op == "echo" then reply({op = "echo", r = c.v})
    end
  else
    reply({type = kind, ev = msg})
  end
end
`;

async function cmd(s: Server, q = ''): Promise<Client> {
  const c = await connect(s, '/api/custom/t/cmd' + (q ? '?' + q : ''));
  const hello = await c.nextJson();
  if (hello.type !== 'hello') throw new Error('no hello');
  return c;
}

async function call(c: Client, command: object): Promise<any> {
  c.send(command);
  return c.until((m) => m.op !== undefined);
}

t.test('sessions', async (t) => {
  const s = await startServer({ args: ['--no-examples', '--cpu-limit-ms', '200', '--max-message-bytes', '4096', '--max-queue', '8', '--grace-ms', '1000'] });
  t.teardown(() => s.cleanup());
  await s.register('t', 'cmd', 'cmd', ['WS'], CMD);

  t.test('send, recv_any "ws", query, unknown path', async (t) => {
    const c = await connect(s, '/api/custom/t/cmd?a=1&name=J%C3%BCrgen');
    t.same(await c.nextJson(), { type: 'hello', q: { a: '1', name: 'Jürgen' } });
    t.same(await call(c, { op: 'echo', v: 'ünïcode ✓' }), { op: 'echo', r: 'ünïcode ✓' });
    c.close();
    await t.rejects(connect(s, '/api/custom/t/nope'), { status: 404 }, '404 before any upgrade');
    await t.rejects(connect(s, '/api/custom/other/cmd'), { status: 404 });
  });

  t.test('channels: subscribe, list, broadcast (sender included), unsubscribe', async (t) => {
    const a = await cmd(s);
    const b = await cmd(s);
    t.same(await call(a, { op: 'sub', ch: 'room:1' }), { op: 'sub', r: true });
    t.same(await call(a, { op: 'sub', ch: 'room:2' }), { op: 'sub', r: true });
    t.same(await call(b, { op: 'sub', ch: 'room:1' }), { op: 'sub', r: true });
    t.same(await call(a, { op: 'list' }), { op: 'list', r: ['room:1', 'room:2'] });
    t.same(await call(b, { op: 'pub', ch: 'room:1', data: { text: 'hi', n: 1.5, arr: [1, 2] } }), { op: 'pub', r: true });
    const evB = await b.until((m) => m.type === 'channel');
    const evA = await a.until((m) => m.type === 'channel');
    t.same(evA.ev.data, { text: 'hi', n: 1.5, arr: [1, 2] });
    t.equal(evA.ev.channel, 'room:1');
    t.type(evA.ev.timestamp, 'number');
    t.ok(Math.abs(evA.ev.timestamp - Date.now()) < 5000, 'timestamp in ms');
    t.match(evA.ev.sender_id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'sender_id is a UUID v4');
    t.same(Object.keys(evA.ev).sort(), ['channel', 'data', 'sender_id', 'timestamp']);
    t.same(evB.ev, evA.ev, 'the sender receives its own broadcast');
    const admin = await s.admin('GET', '/_api/channels');
    t.same(admin.json.channels.find((c: any) => c.channel === 'room:1'), { db: 't', channel: 'room:1', subscribers: 2, presence: 0 });
    t.same(await call(a, { op: 'unsub', ch: 'room:1' }), { op: 'unsub', r: true });
    t.same(await call(a, { op: 'list' }), { op: 'list', r: ['room:2'] });
    await call(b, { op: 'pub', ch: 'room:1', data: { text: 'again' } });
    await b.until((m) => m.type === 'channel');
    t.same(await call(a, { op: 'echo', v: 1 }), { op: 'echo', r: 1 }, 'a got nothing after unsubscribing');
    b.close();
    await sleep(100);
    const after = await s.admin('GET', '/_api/channels');
    t.notOk(after.json.channels.some((c: any) => c.channel === 'room:1'), 'empty channel removed');
    a.close();
  });

  t.test('presence: join, list, re-join, leave, cleanup on disconnect', async (t) => {
    const a = await cmd(s);
    const b = await cmd(s);
    await call(a, { op: 'sub', ch: 'doc' });
    await call(b, { op: 'sub', ch: 'doc' });
    t.same(await call(a, { op: 'join', ch: 'doc', info: { name: 'A' } }), { op: 'join', r: true });
    const joinA = await b.until((m) => m.type === 'presence');
    t.same(Object.keys(joinA.ev).sort(), ['channel', 'connection_id', 'event_type', 'timestamp', 'user_info']);
    t.match(joinA.ev, { event_type: 'join', channel: 'doc', user_info: { name: 'A' } });
    const idA = joinA.ev.connection_id;
    await call(b, { op: 'join', ch: 'doc', info: { name: 'B' } });
    const joinB = await a.until((m) => m.type === 'presence');
    t.match(joinB.ev, { event_type: 'join', user_info: { name: 'B' } });
    const idB = joinB.ev.connection_id;
    const who = await call(a, { op: 'who', ch: 'doc' });
    t.same(who.r.map((r: any) => [r.connection_id, r.user_info.name]), [[idA, 'A'], [idB, 'B']]);
    t.type(who.r[0].joined_at, 'number');
    t.same(Object.keys(who.r[0]).sort(), ['connection_id', 'joined_at', 'user_info']);
    // re-join replaces the info and emits a join
    await call(b, { op: 'join', ch: 'doc', info: { name: 'B2' } });
    t.match((await a.until((m) => m.type === 'presence')).ev, { event_type: 'join', user_info: { name: 'B2' }, connection_id: idB });
    const who2 = await call(a, { op: 'who', ch: 'doc' });
    t.same(who2.r.map((r: any) => r.user_info.name).sort(), ['A', 'B2']);
    const adminWho = await s.admin('GET', '/_api/database/t/channels/doc/presence');
    t.same(adminWho.json.members.map((m: any) => m.user_info.name).sort(), ['A', 'B2']);
    // explicit leave
    t.same(await call(b, { op: 'leave', ch: 'doc' }), { op: 'leave', r: true });
    t.match((await a.until((m) => m.type === 'presence')).ev, { event_type: 'leave', user_info: { name: 'B2' }, connection_id: idB });
    // a join that is not subscribed still lists; cleanup on disconnect sends leave
    await call(b, { op: 'join', ch: 'doc', info: { name: 'B3' } });
    await a.until((m) => m.type === 'presence' && m.ev.event_type === 'join');
    b.close();
    t.match((await a.until((m) => m.type === 'presence')).ev, { event_type: 'leave', user_info: { name: 'B3' }, connection_id: idB });
    t.same((await call(a, { op: 'who', ch: 'doc' })).r.map((r: any) => r.connection_id), [idA]);
    a.close();
  });

  t.test('recv returns only client messages and leaves channel events queued', async (t) => {
    const c = await cmd(s);
    await call(c, { op: 'sub', ch: 'queued' });
    c.send({ op: 'recv' });
    await sleep(50);
    await s.admin('POST', '/_api/database/t/channels/queued/broadcast', { n: 1 });
    await s.admin('POST', '/_api/database/t/channels/queued/broadcast', { n: 2 });
    await sleep(50);
    c.send('plain text');
    t.same(await c.nextJson(), { op: 'recv', r: 'plain text' });
    const e1 = await c.nextJson();
    const e2 = await c.nextJson();
    t.same([e1.type, e1.ev.data, e1.ev.sender_id], ['channel', { n: 1 }, undefined], 'admin broadcast: no sender_id');
    t.same(e2.ev.data, { n: 2 });
    c.close();
  });

  t.test('recv_any timeout returns nil and keeps the connection', async (t) => {
    const c = await cmd(s, 't=50');
    const n = await c.nextJson();
    t.same(n, { type: 'nil' });
    t.same(await call(c, { op: 'echo', v: 'still open' }), { op: 'echo', r: 'still open' });
    c.close();
  });

  t.test('ping/pong never surface', async (t) => {
    const c = await cmd(s);
    c.ws.ping('x');
    c.ws.ping();
    await sleep(100);
    t.same(await call(c, { op: 'echo', v: 1 }), { op: 'echo', r: 1 });
    t.equal(c.messages.length, 0);
    c.close();
  });

  t.test('close codes', async (t) => {
    let c = await cmd(s);
    c.send({ op: 'end' });
    t.same(await c.closedWithin(), { code: 1000, reason: '' }, 'script end → 1000');
    c = await cmd(s);
    c.send({ op: 'close' });
    t.equal((await c.closedWithin()).code, 1000, 'solidb.ws.close() → 1000');
    c = await cmd(s);
    c.send({ op: 'error', msg: 'kaput' });
    t.same(await c.closedWithin(), { code: 1011, reason: 'cmd.lua:21: kaput' }, 'uncaught error → 1011 naming script and line');
    c = await cmd(s);
    c.send('this is not json');
    const bad = await c.closedWithin();
    t.equal(bad.code, 1011, 'malformed client JSON makes json.decode fail → 1011');
    t.match(bad.reason, /^cmd\.lua:\d+: json\.decode/);
    c = await cmd(s);
    c.send('x'.repeat(5000));
    t.same(await c.closedWithin(), { code: 1009, reason: 'message too large' });
    c = await cmd(s);
    await call(c, { op: 'sub', ch: 'flood' });
    c.send({ op: 'recv' }); // recv leaves channel events queued: 8 of them fill the queue
    await sleep(50);
    for (let i = 0; i < 10; i++) await s.admin('POST', '/_api/database/t/channels/flood/broadcast', { i });
    t.same(await c.closedWithin(), { code: 1008, reason: 'event queue overflow' });
    c = await cmd(s);
    const t0 = Date.now();
    c.send({ op: 'spin' });
    const cpu = await c.closedWithin(5000);
    t.equal(cpu.code, 1011, 'CPU limit → 1011');
    t.match(cpu.reason, /CPU/);
    t.ok(Date.now() - t0 < 3000);
    const m = await (await fetch(s.http + '/_api/metrics')).text();
    t.match(m, /moongate_cpu_limit_kills_total [1-9]/);
    t.match(m, /moongate_queue_overflow_closes_total [1-9]/);
    t.match(m, /moongate_message_too_large_closes_total [1-9]/);
    t.match(m, /moongate_script_errors_total [1-9]/);
  });

  t.test('a client that cannot keep up is disconnected with 1008, not silently dropped', async (t) => {
    await s.register('t', 'firehose', 'firehose', ['WS'], `
      solidb.ws.send("ready")
      solidb.ws.recv()
      local chunk = string.rep("x", 60000)
      for i = 1, 600 do solidb.ws.send(chunk) end
      solidb.ws.send("all sent")
      solidb.ws.recv()`);
    const c = await connect(s, '/api/custom/t/firehose');
    t.equal(await c.next(), 'ready');
    const sock = (c.ws as any)._socket;
    sock.pause(); // stop reading: the server's send buffer fills up
    c.send('go');
    await sleep(500);
    sock.resume();
    const closed = await c.closedWithin(10_000);
    t.same(closed, { code: 1008, reason: 'slow consumer' });
    t.notOk(c.messages.includes('all sent'));
    const m = await (await fetch(s.http + '/_api/metrics')).text();
    t.match(m, /moongate_slow_consumer_closes_total [1-9]/);
  });

  t.test('the client close makes a pending recv return nil; cleanup; grace period', async (t) => {
    await s.register('t', 'after', 'after', ['WS'], `
      solidb.ws.channel.subscribe("gone")
      solidb.ws.send("ready")
      local m = solidb.ws.recv()
      solidb.ws.channel.broadcast("observe", {recv_nil = (m == nil), subs = #solidb.ws.channel.list()})
      local m2, k2 = solidb.ws.recv_any(10000)
      solidb.ws.channel.broadcast("observe", {again_nil = (m2 == nil and k2 == nil)})
      if request.query.stubborn then
        while true do solidb.ws.recv_any(10) end
      end`);
    const obs = await cmd(s);
    await call(obs, { op: 'sub', ch: 'observe' });
    const c = await connect(s, '/api/custom/t/after');
    t.equal(await c.next(), 'ready');
    c.close();
    t.same((await obs.until((m) => m.type === 'channel')).ev.data, { recv_nil: true, subs: 0 });
    t.same((await obs.until((m) => m.type === 'channel')).ev.data, { again_nil: true });
    // a script that keeps waiting after its client left is stopped
    const st = await connect(s, '/api/custom/t/after?stubborn=1');
    await st.next();
    st.close();
    await obs.until((m) => m.type === 'channel' && m.ev.data.again_nil);
    await sleep(1500);
    const m = await (await fetch(s.http + '/_api/metrics')).text();
    t.match(m, /moongate_ws_connections 1\n/, 'only the observer is left');
    obs.close();
  });

  t.test('a runaway script is stopped while others keep being served', async (t) => {
    await s.register('t', 'echo', 'echo', ['WS'], 'while true do local m = solidb.ws.recv() if m == nil then break end solidb.ws.send(m) end');
    await s.register('t', 'runaway', 'runaway', ['WS'], 'solidb.ws.send("start") solidb.ws.recv() while true do end');
    const echo = await connect(s, '/api/custom/t/echo');
    const run = await connect(s, '/api/custom/t/runaway');
    t.equal(await run.next(), 'start');
    run.send('go');
    const t0 = Date.now();
    let worst = 0;
    for (let i = 0; i < 20; i++) {
      const s0 = Date.now();
      echo.send('ping' + i);
      t.equal(await echo.next(3000), 'ping' + i);
      worst = Math.max(worst, Date.now() - s0);
    }
    const closed = await run.closedWithin(3000);
    t.equal(closed.code, 1011);
    t.ok(Date.now() - t0 < 3000, 'runaway stopped within the CPU budget');
    t.ok(worst < 1000, `echo kept being served (worst ${worst} ms)`);
    echo.close();
  });

  t.test('updates: new connections get the new version, live ones keep the old', async (t) => {
    const reg = await s.register('t', 'ver', 'ver', ['WS'], 'solidb.ws.send("v1") while true do local m = solidb.ws.recv() if not m then break end solidb.ws.send("v1:" .. m) end');
    const a = await connect(s, '/api/custom/t/ver');
    t.equal(await a.next(), 'v1');
    const up = await s.admin('PUT', `/_api/database/t/scripts/${reg.id}`, { code: 'solidb.ws.send("v2") while true do local m = solidb.ws.recv() if not m then break end solidb.ws.send("v2:" .. m) end' });
    t.equal(up.status, 200);
    const b = await connect(s, '/api/custom/t/ver');
    t.equal(await b.next(), 'v2');
    a.send('x');
    b.send('y');
    t.equal(await a.next(), 'v1:x');
    t.equal(await b.next(), 'v2:y');
    // deleting: new connections get 404, live ones finish on their version
    await s.admin('DELETE', `/_api/database/t/scripts/${reg.id}`);
    await t.rejects(connect(s, '/api/custom/t/ver'), { status: 404 });
    a.send('z');
    t.equal(await a.next(), 'v1:z');
    a.close();
    b.close();
  });

  t.test('admin broadcast and channel listing', async (t) => {
    const c = await cmd(s);
    await call(c, { op: 'sub', ch: 'ops' });
    await call(c, { op: 'join', ch: 'ops', info: { role: 'op' } });
    const r = await s.admin('POST', '/_api/database/t/channels/ops/broadcast', { alert: 'disk' });
    t.same(r.json, { ok: true, db: 't', channel: 'ops', subscribers: 1 });
    t.same((await c.until((m) => m.type === 'channel')).ev.data, { alert: 'disk' });
    t.equal((await s.admin('POST', '/_api/database/t/channels/ops/broadcast', '{bad')).status, 400);
    const list = await s.admin('GET', '/_api/channels');
    t.same(list.json.channels.find((x: any) => x.channel === 'ops'), { db: 't', channel: 'ops', subscribers: 1, presence: 1 });
    c.close();
  });
});

t.test('shutdown closes WebSockets with 1001', async (t) => {
  const s = await startServer({ args: ['--no-examples'] });
  t.teardown(() => s.cleanup());
  await s.register('t', 'cmd', 'cmd', ['WS'], CMD);
  const c = await cmd(s);
  const stopped = s.stop();
  t.equal((await c.closedWithin(5000)).code, 1001);
  t.equal(await stopped, 0);
});
