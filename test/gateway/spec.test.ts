// Spec audit: behaviours of /work/shared/spec/lua-websocket-api.md (and of the reference system's own
// example scripts it links to) that the other gateway tests do not pin down. Real gateway, real clients.
import t from 'tap';
import WebSocket from 'ws';
import { createConnection } from 'node:net';
import { startServer, connect, sleep, type Server, type Client } from './helpers.js';

t.setTimeout(180_000);

let n = 0;
/** Register `code` as a fresh WS script in db "spec" and return its path. */
async function ws(s: Server, code: string, name = `s${++n}`): Promise<string> {
  await s.register('spec', name, name, ['WS'], code);
  return `/api/custom/spec/${name}`;
}

/** Register and connect at once. */
async function open(s: Server, code: string, q = ''): Promise<Client> {
  const p = await ws(s, code);
  return connect(s, p + (q ? '?' + q : ''));
}

t.test('spec behaviours', async (t) => {
  const s = await startServer({ args: ['--no-examples', '--cpu-limit-ms', '300', '--max-message-bytes', '4096', '--grace-ms', '1000'] });
  t.teardown(() => s.cleanup());

  t.test('recv_any: two results (msg, msg_type), nil, nil on timeout', async (t) => {
    const c = await open(s, `
      local a = table.pack(solidb.ws.recv_any(20))
      solidb.ws.send(json.encode({n = a.n, a1 = a[1] == nil, a2 = a[2] == nil}))
      solidb.ws.send("go")
      local b = table.pack(solidb.ws.recv_any(5000))
      solidb.ws.send(json.encode({n = b.n, msg = b[1], kind = b[2]}))
      local r = table.pack(solidb.ws.recv())
      solidb.ws.send(json.encode({n = r.n, msg = r[1]}))`);
    t.same(await c.nextJson(), { n: 2, a1: true, a2: true }, 'timeout gives nil, nil');
    t.equal(await c.next(), 'go');
    c.send('hello');
    t.same(await c.nextJson(), { n: 2, msg: 'hello', kind: 'ws' });
    c.send('again');
    t.same(await c.nextJson(), { n: 1, msg: 'again' }, 'recv returns one value');
    t.equal((await c.closedWithin()).code, 1000);
  });

  t.test('recv_any timeouts: default, 0, numeric strings, fractional', async (t) => {
    const c = await open(s, `
      local t0 = os.clock()
      local function wait(ms)
        local start = os.time()
        local m, k = solidb.ws.recv_any(ms)
        return m, k
      end
      local m, k = solidb.ws.recv_any(0)
      solidb.ws.send(json.encode({zero = (m == nil and k == nil)}))
      m, k = solidb.ws.recv_any("30")
      solidb.ws.send(json.encode({str = (m == nil and k == nil)}))
      m, k = solidb.ws.recv_any(10.5)
      solidb.ws.send(json.encode({frac = (m == nil and k == nil)}))
      m, k = solidb.ws.recv_any(-5)
      solidb.ws.send(json.encode({neg = (m == nil and k == nil)}))
      solidb.ws.send("default")
      m, k = solidb.ws.recv_any()
      solidb.ws.send(json.encode({m = m, k = k}))`);
    const t0 = Date.now();
    t.same(await c.nextJson(), { zero: true });
    t.same(await c.nextJson(), { str: true });
    t.same(await c.nextJson(), { frac: true });
    t.same(await c.nextJson(), { neg: true });
    t.ok(Date.now() - t0 < 2000, 'short timeouts are short');
    t.equal(await c.next(), 'default');
    await sleep(300);
    t.equal(c.messages.length, 0, 'the default timeout is long (30 s)');
    c.send('x');
    t.same(await c.nextJson(), { m: 'x', k: 'ws' });
    c.close();
  });

  t.test('a message queued before recv_any(0) is returned at once', async (t) => {
    const c = await open(s, `
      solidb.ws.send("ready")
      solidb.ws.recv()
      local m, k = solidb.ws.recv_any(0)
      solidb.ws.send(json.encode({m = m, k = k}))`);
    t.equal(await c.next(), 'ready');
    c.send('one');
    c.send('two');
    t.same(await c.nextJson(), { m: 'two', k: 'ws' });
  });

  t.test('presence events reach connections present in the channel without subscribing (presence_demo.lua)', async (t) => {
    const p = await ws(s, `
      local room = request.query.room
      solidb.ws.presence.join(room, {id = request.query.user_id})
      solidb.ws.send(json.encode({type = "init", users = solidb.ws.presence.list(room)}))
      while true do
        local msg, msg_type = solidb.ws.recv_any(60000)
        if msg == nil then break end
        if msg_type == "ws" then
          local cmd = json.decode(msg)
          if cmd.type == "status" then
            solidb.ws.presence.leave(room)
            solidb.ws.presence.join(room, {id = request.query.user_id, status = cmd.status})
          elseif cmd.type == "list" then
            solidb.ws.send(json.encode({type = "list", users = solidb.ws.presence.list(room)}))
          end
        elseif msg_type == "presence" then
          solidb.ws.send(json.encode({type = "presence_" .. msg.event_type, user = msg.user_info, room = msg.channel, id = msg.connection_id}))
        end
      end`);
    const a = await connect(s, p + '?room=lobby&user_id=alice');
    const ia = await a.nextJson();
    t.equal(ia.users.length, 1);
    const idA = ia.users[0].connection_id;
    const b = await connect(s, p + '?room=lobby&user_id=bob');
    const ib = await b.nextJson();
    t.same(ib.users.map((u: any) => u.user_info.id), ['alice', 'bob']);
    const idB = ib.users[1].connection_id;
    t.same(await a.nextJson(), { type: 'presence_join', user: { id: 'bob' }, room: 'lobby', id: idB }, 'present-only alice hears bob join');
    b.send({ type: 'status', status: 'away' });
    t.same(await a.nextJson(), { type: 'presence_leave', user: { id: 'bob' }, room: 'lobby', id: idB });
    t.same(await a.nextJson(), { type: 'presence_join', user: { id: 'bob', status: 'away' }, room: 'lobby', id: idB });
    t.equal(await b.quiet(100), undefined, 'bob hears none of his own events');
    b.close();
    t.same(await a.nextJson(), { type: 'presence_leave', user: { id: 'bob', status: 'away' }, room: 'lobby', id: idB }, 'leave on disconnect');
    a.send({ type: 'list' });
    t.same((await a.nextJson()).users.map((u: any) => u.connection_id), [idA]);
    // a connection both subscribed and present gets one copy of each event
    const both = await open(s, `
      solidb.ws.channel.subscribe("lobby")
      solidb.ws.presence.join("lobby", {id = "both"})
      solidb.ws.send("ready")
      while true do
        local m, k = solidb.ws.recv_any(5000)
        if m == nil then break end
        if k == "presence" then solidb.ws.send(m.event_type .. ":" .. m.user_info.id) end
      end`);
    t.equal(await both.next(), 'ready');
    t.match(await a.nextJson(), { type: 'presence_join', user: { id: 'both' } });
    const c = await connect(s, p + '?room=lobby&user_id=carol');
    await c.nextJson();
    t.equal(await both.next(), 'join:carol');
    t.equal(await both.quiet(150), undefined, 'exactly one copy');
    // after leaving, a connection that is not subscribed hears nothing more
    t.match(await a.nextJson(), { type: 'presence_join', user: { id: 'carol' } });
    c.close();
    t.equal(await both.next(), 'leave:carol');
    t.match(await a.nextJson(), { type: 'presence_leave', user: { id: 'carol' } });
    a.close();
    both.close();
  });

  t.test('channel.list and presence.list are arrays: empty ones encode as []', async (t) => {
    const c = await open(s, `
      solidb.ws.send(json.encode({subs = solidb.ws.channel.list(), who = solidb.ws.presence.list("nobody-here")}))
      solidb.ws.channel.subscribe("a")
      solidb.ws.channel.subscribe("b")
      solidb.ws.channel.subscribe("a")
      local l = solidb.ws.channel.list()
      solidb.ws.send(json.encode({subs = l, n = #l, first = l[1]}))
      solidb.ws.channel.unsubscribe("a")
      solidb.ws.channel.unsubscribe("b")
      solidb.ws.send(json.encode({subs = solidb.ws.channel.list()}))`);
    t.same(await c.nextJson(), { subs: [], who: [] });
    t.same(await c.nextJson(), { subs: ['a', 'b'], n: 2, first: 'a' }, 'subscribing twice lists once');
    t.same(await c.nextJson(), { subs: [] });
    t.equal((await c.closedWithin()).code, 1000);
  });

  t.test('return values: true from subscribe, unsubscribe, broadcast, join, leave; nothing from send, close', async (t) => {
    const c = await open(s, `
      local r = {}
      r.sub = solidb.ws.channel.subscribe("rv")
      r.unsub_unknown = solidb.ws.channel.unsubscribe("never")
      r.bc = solidb.ws.channel.broadcast("rv", {x = 1})
      r.bc_empty = solidb.ws.channel.broadcast("nobody-subscribed", {x = 1})
      r.join = solidb.ws.presence.join("rv", {a = 1})
      r.leave = solidb.ws.presence.leave("rv")
      r.leave_unknown = solidb.ws.presence.leave("never")
      r.unsub = solidb.ws.channel.unsubscribe("rv")
      r.send_n = select("#", solidb.ws.send("x"))
      solidb.ws.send(json.encode(r))`);
    t.equal(await c.next(), 'x');
    t.same(await c.nextJson(), { sub: true, unsub_unknown: true, bc: true, bc_empty: true, join: true, leave: true, leave_unknown: true, unsub: true, send_n: 0 });
  });

  t.test('channel events: shape and data types; the sender id is the connection id', async (t) => {
    const c = await open(s, `
      solidb.ws.channel.subscribe("shape")
      solidb.ws.presence.join("shape", {})
      local me = solidb.ws.presence.list("shape")[1].connection_id
      solidb.ws.channel.broadcast("shape", {list = {1, 2, 3}, nested = {a = {b = "c"}}, f = 1.5, t = true, s = "ü"})
      local m, k = solidb.ws.recv_any(2000)
      solidb.ws.send(json.encode({k = k, data = m.data, ch = m.channel, mine = (m.sender_id == me),
        ts = math.type(m.timestamp), list_len = #m.data.list, fields = (function()
          local f = {} for key in pairs(m) do f[#f + 1] = key end table.sort(f) return f end)()}))
      solidb.ws.channel.broadcast("shape", "just a string")
      m, k = solidb.ws.recv_any(2000)
      solidb.ws.send(json.encode({k = k, data = m.data}))
      solidb.ws.channel.broadcast("shape", nil)
      m, k = solidb.ws.recv_any(2000)
      solidb.ws.send(json.encode({k = k, isnil = m.data == nil}))`);
    t.same(await c.nextJson(), {
      k: 'channel', ch: 'shape', mine: true, ts: 'integer', list_len: 3,
      data: { list: [1, 2, 3], nested: { a: { b: 'c' } }, f: 1.5, t: true, s: 'ü' },
      fields: ['channel', 'data', 'sender_id', 'timestamp'],
    });
    t.same(await c.nextJson(), { k: 'channel', data: 'just a string' });
    t.same(await c.nextJson(), { k: 'channel', isnil: true });
  });

  t.test('broadcast reaches subscribers only; a non-subscribed sender gets nothing', async (t) => {
    const code = `
      if request.query.sub then solidb.ws.channel.subscribe("only") end
      solidb.ws.send("ready")
      while true do
        local m, k = solidb.ws.recv_any(5000)
        if m == nil then break end
        if k == "ws" then solidb.ws.channel.broadcast("only", {from = request.query.name, text = m})
        elseif k == "channel" then solidb.ws.send(json.encode(m.data)) end
      end`;
    const p = await ws(s, code);
    const sub = await connect(s, p + '?sub=1&name=sub');
    const pub = await connect(s, p + '?name=pub');
    await sub.next();
    await pub.next();
    pub.send('hi');
    t.same(await sub.nextJson(), { from: 'pub', text: 'hi' });
    t.equal(await pub.quiet(150), undefined);
    sub.close();
    pub.close();
  });

  t.test('order: client messages and channel events come in arrival order', async (t) => {
    const c = await open(s, `
      solidb.ws.channel.subscribe("ord")
      solidb.ws.send("ready")
      solidb.ws.recv()          -- "wait": everything below queues up meanwhile
      local seen = {}
      for i = 1, 7 do
        local m, k = solidb.ws.recv_any(2000)
        seen[#seen + 1] = k == "ws" and m or ("ch" .. m.data.i)
      end
      solidb.ws.send(json.encode(seen))`);
    t.equal(await c.next(), 'ready');
    c.send('wait');
    await sleep(50);
    c.send('w1');
    await sleep(30);
    await s.admin('POST', '/_api/database/spec/channels/ord/broadcast', { i: 1 });
    c.send('w2');
    await sleep(30);
    await s.admin('POST', '/_api/database/spec/channels/ord/broadcast', { i: 2 });
    await s.admin('POST', '/_api/database/spec/channels/ord/broadcast', { i: 3 });
    c.send('w3');
    await sleep(30);
    c.send('w4');
    t.same(await c.nextJson(), ['w1', 'ch1', 'w2', 'ch2', 'ch3', 'w3', 'w4']);
  });

  t.test('binary client messages arrive as byte strings', async (t) => {
    const c = await open(s, `
      local m = solidb.ws.recv()
      local m2, k = solidb.ws.recv_any(2000)
      solidb.ws.send(json.encode({len = #m, b1 = m:byte(1), b3 = m:byte(3), k = k, len2 = #m2}))`);
    c.ws.send(Buffer.from([0, 255, 7]));
    c.ws.send(Buffer.from([1, 2]), { binary: true });
    t.same(await c.nextJson(), { len: 3, b1: 0, b3: 7, k: 'ws', len2: 2 });
  });

  t.test('send: strings, numbers; bad arguments raise errors naming script and line', async (t) => {
    const c = await open(s, `
      solidb.ws.send("a")
      solidb.ws.send(42)
      solidb.ws.send(json.encode({}))
      solidb.ws.send()`, '');
    t.equal(await c.next(), 'a');
    t.equal(await c.next(), '42');
    t.equal(await c.next(), '{}');
    const cl = await c.closedWithin();
    t.equal(cl.code, 1011);
    t.match(cl.reason, /^s\d+\.lua:5: bad argument #1 to 'send'/);
    for (const [code, re] of [
      ['solidb.ws.channel.subscribe()', /^s\d+\.lua:1: bad argument #1 to 'subscribe' \(string expected, got no value\)/],
      ['solidb.ws.channel.subscribe({})', /^s\d+\.lua:1: bad argument #1 to 'subscribe' \(string expected, got table\)/],
      ['solidb.ws.channel.broadcast("x", {f = print})', /^s\d+\.lua:1: .*(function|encode)/],
      ['local t = {} t.self = t solidb.ws.channel.broadcast("x", t)', /cyclic table/],
      ['solidb.ws.presence.join(nil, {})', /^s\d+\.lua:1: bad argument #1 to 'join'/],
      ['solidb.ws.presence.list()', /^s\d+\.lua:1: bad argument #1 to 'list'/],
      ['\n\nerror("top level")', /^s\d+\.lua:3: top level$/],
      ['error({code = 42})', /error object is a table value/],
      ['local x = nil\nlocal y = x.field', /^s\d+\.lua:2: attempt to index a nil value \(local 'x'\)$/],
    ] as [string, RegExp][]) {
      const e = await open(s, code);
      const r = await e.closedWithin();
      t.equal(r.code, 1011, code);
      t.match(r.reason, re, code);
    }
  });

  t.test('pcall catches errors of the API (the reference pubsub_demo pattern)', async (t) => {
    const c = await open(s, `
      local ok, err = pcall(function() solidb.ws.channel.broadcast("x", {f = print}) end)
      solidb.ws.send(json.encode({ok = ok, err = type(err)}))
      local ok2, cmd = pcall(json.decode, "{not json")
      solidb.ws.send(json.encode({ok = ok2}))`);
    t.same(await c.nextJson(), { ok: false, err: 'string' });
    t.same(await c.nextJson(), { ok: false });
    t.equal((await c.closedWithin()).code, 1000);
  });

  t.test('close(): 1000, the script goes on, recv returns nil, send is a no-op, cleanup happens at once', async (t) => {
    const obs = await open(s, `
      solidb.ws.channel.subscribe("close-obs")
      solidb.ws.send("ready")
      while true do
        local m, k = solidb.ws.recv_any(5000)
        if m == nil then break end
        if k == "channel" then solidb.ws.send(json.encode(m.data)) end
        if k == "presence" then solidb.ws.send(m.event_type) end
      end`);
    t.equal(await obs.next(), 'ready');
    const c = await open(s, `
      solidb.ws.channel.subscribe("close-obs")
      solidb.ws.presence.join("close-obs", {who = "closer"})
      solidb.ws.send("before")
      solidb.ws.close()
      solidb.ws.send("after")
      local m = solidb.ws.recv()
      local m2, k2 = solidb.ws.recv_any(5000)
      solidb.ws.channel.broadcast("close-obs", {recv_nil = m == nil, any_nil = m2 == nil and k2 == nil, subs = #solidb.ws.channel.list()})`);
    t.equal(await c.next(), 'before');
    const cl = await c.closedWithin();
    t.equal(cl.code, 1000);
    t.equal(await obs.next(), 'join');
    t.equal(await obs.next(), 'leave');
    const t0 = Date.now();
    t.same(await obs.nextJson(), { recv_nil: true, any_nil: true, subs: 0 });
    t.ok(Date.now() - t0 < 1000, 'waits after close return nil at once');
    t.notOk(c.messages.includes('after'));
    obs.close();
  });

  t.test('a script that ends without waiting: its messages arrive, then 1000', async (t) => {
    const c = new (await import('./helpers.js')).Client(s.wsUrl(await ws(s, 'for i = 1, 50 do solidb.ws.send("m" .. i) end')));
    const closed = await c.closedWithin();
    t.equal(closed.code, 1000);
    t.equal(c.messages.length, 50);
    t.equal(c.messages[49], 'm50');
  });

  t.test('unknown scripts and methods', async (t) => {
    await t.rejects(connect(s, '/api/custom/spec/does-not-exist'), { status: 404 });
    await t.rejects(connect(s, '/api/custom/nodb/x'), { status: 404 });
    await s.register('spec', 'httponly', 'httponly', ['GET'], 'return {ok = true}');
    await t.rejects(connect(s, '/api/custom/spec/httponly'), { status: 405 }, 'no WebSocket script at that path');
    const wsOnly = await ws(s, 'solidb.ws.send("x")');
    const r = await fetch(s.http + wsOnly);
    t.equal(r.status, 426, 'a plain HTTP request to a WebSocket-only script: 426 Upgrade Required');
    t.equal(r.headers.get('upgrade'), 'websocket');
    t.match(await r.json(), { error: /WebSocket/ });
    const r2 = await fetch(s.http + wsOnly, { method: 'POST', body: '{}' });
    t.equal(r2.status, 426);
    const nf = await fetch(s.http + '/api/custom/spec/nothing-here');
    t.equal(nf.status, 404);
    t.match(await nf.json(), { error: /nothing-here/ });
  });

  t.test('a message over the limit closes with 1009, even far over it', async (t) => {
    for (const size of [4097, 300_000, 1_500_000]) {
      const c = await open(s, 'while true do local m = solidb.ws.recv() if not m then break end solidb.ws.send(#m) end');
      c.send('y'.repeat(4096));
      t.equal(await c.next(), '4096', 'at the limit: delivered');
      c.send('x'.repeat(size));
      t.same(await c.closedWithin(5000), { code: 1009, reason: 'message too large' }, `${size} bytes`);
    }
  });

  t.test('recv_any(math.huge) waits (no timeout), bad timeouts are argument errors', async (t) => {
    const c = await open(s, `
      solidb.ws.send("ready")
      local m, k = solidb.ws.recv_any(math.huge)
      solidb.ws.send(json.encode({m = m, k = k}))
      m, k = solidb.ws.recv_any(1e12)
      solidb.ws.send(json.encode({m = m, k = k}))
      solidb.ws.recv_any({})`);
    t.equal(await c.next(), 'ready');
    await sleep(200);
    t.equal(c.messages.length, 0, 'still waiting');
    c.send('late');
    t.same(await c.nextJson(), { m: 'late', k: 'ws' });
    await sleep(100);
    c.send('later');
    t.same(await c.nextJson(), { m: 'later', k: 'ws' });
    const cl = await c.closedWithin();
    t.equal(cl.code, 1011);
    t.match(cl.reason, /^s\d+\.lua:7: bad argument #1 to 'recv_any' \(number expected, got table\)$/);
  });

  t.test('waiting works inside functions, pcall and coroutines', async (t) => {
    const c = await open(s, `
      local function ask() return solidb.ws.recv() end
      local ok, v = pcall(ask)
      solidb.ws.send("pcall:" .. tostring(ok) .. ":" .. v)
      local co = coroutine.wrap(function()
        local m, k = solidb.ws.recv_any(2000)
        coroutine.yield(m .. "/" .. k)
      end)
      solidb.ws.send("co:" .. co())
      local ok2, err = pcall(function() local m = solidb.ws.recv() error("after " .. m) end)
      solidb.ws.send("err:" .. err)`);
    c.send('one');
    t.equal(await c.next(), 'pcall:true:one');
    c.send('two');
    t.equal(await c.next(), 'co:two/ws');
    c.send('three');
    t.match(await c.next(), /^err:s\d+\.lua:10: after three$/);
    t.equal((await c.closedWithin()).code, 1000);
  });

  t.test('runaway scripts (recursion, memory, CPU) end with 1011; the gateway keeps serving', async (t) => {
    for (const [code, re] of [
      ['local function f() return 1 + f() end\nf()', /stack overflow/],
      ['local s = string.rep("x", 2^40)', /memory|too large|resulting string/],
      ['local t = {} local i = 0 while true do i = i + 1 t[i] = {i} end', /CPU/],
      ['solidb.ws.send("x") while true do end', /CPU/],
    ] as [string, RegExp][]) {
      const c = await open(s, code);
      const r = await c.closedWithin(10_000);
      t.equal(r.code, 1011, code);
      t.match(r.reason, re, code);
    }
    const c = await open(s, 'solidb.ws.send("alive")');
    t.equal(await c.next(), 'alive');
    t.equal((await fetch(s.http + '/_api/health')).status, 200);
  });

  t.test('the sandbox: no io, no os.exit; os.time and os.clock exist', async (t) => {
    const c = await open(s, `solidb.ws.send(json.encode({io = type(io), exit = type(os.exit), execute = type(os.execute),
      time = math.type(os.time()), clock = type(os.clock()), require = type(require), dofile = type(dofile)}))`);
    t.same(await c.nextJson(), { io: 'nil', exit: 'nil', execute: 'nil', time: 'integer', clock: 'number', require: 'nil', dofile: 'nil' });
  });

  t.test('registration as the spec writes it: POST /_api/custom/{db}/{path} with method="WS"', async (t) => {
    const code = (v: string) => `solidb.ws.send("${v}")`;
    const variants: [string, string, unknown][] = [
      ['json', '/_api/custom/_system/reg-json', { method: 'WS', code: code('json') }],
      ['methods array', '/_api/custom/_system/reg-arr', { methods: ['WS'], code: code('methods array') }],
      ['script alias', '/_api/custom/_system/reg-alias', { method: 'WS', script: code('script alias') }],
      ['raw source, ?method=WS', '/_api/custom/_system/reg-raw?method=WS', code('raw source, ?method=WS')],
      ['raw source, no method', '/_api/custom/_system/reg-raw2', code('raw source, no method')],
      ['nested path', '/_api/custom/_system/rooms/lobby', { method: 'WS', code: code('nested path') }],
    ];
    for (const [what, path, body] of variants) {
      const r = await s.admin('POST', path, body);
      t.equal(r.status, 201, what);
      t.same(r.json.methods, ['WS'], what);
      const c = await connect(s, path.replace('/_api/', '/api/').replace(/\?.*/, ''));
      t.equal(await c.next(), what, what);
    }
    const again = await s.admin('POST', '/_api/custom/_system/reg-json', { method: 'WS', code: code('v2') });
    t.equal(again.status, 200, 'registering again replaces');
    const c = await connect(s, '/api/custom/_system/reg-json');
    t.equal(await c.next(), 'v2');
    const http = await s.admin('POST', '/_api/custom/_system/reg-get', { method: 'GET', code: 'return {ok = true}' });
    t.equal(http.status, 201);
    t.same(await (await fetch(s.http + '/api/custom/_system/reg-get')).json(), { ok: true });
    const bad = await s.admin('POST', '/_api/custom/_system/reg-bad', { method: 'WS', code: 'while do end' });
    t.equal(bad.status, 400);
    t.match(bad.json, { error: /reg-bad\.lua:1:/, line: 1 });
    t.equal((await s.admin('POST', '/_api/custom/_system/reg-empty', '')).status, 400);
    t.equal((await s.admin('POST', '/_api/custom/_system/reg-nokey', { method: 'WS', code: code('x') }, null)).status, 401);
  });

  t.test('the request table of a WebSocket script', async (t) => {
    await s.register('spec', 'reqws', 'rooms/:room/ws', ['WS'], `
      solidb.ws.send(json.encode({method = request.method, path = request.path, query = request.query,
        params = request.params, ua = request.headers["x-test"], body = request.body == nil}))`);
    const c = await connect(s, '/api/custom/spec/rooms/r%201/ws?room=general&name=Al%C3%AFce', { headers: { 'X-Test': 'yes' } });
    t.same(await c.nextJson(), {
      method: 'WS', path: '/api/custom/spec/rooms/r%201/ws', query: { room: 'general', name: 'Alïce' }, params: { room: 'r 1' }, ua: 'yes', body: true,
    });
  });

  t.test('long and non-ASCII error messages fit the close reason (123 bytes)', async (t) => {
    const c = await open(s, 'error(string.rep("é", 300))');
    const r = await c.closedWithin();
    t.equal(r.code, 1011);
    t.ok(Buffer.byteLength(r.reason) <= 123, `${Buffer.byteLength(r.reason)} bytes`);
    t.match(r.reason, /^s\d+\.lua:1: éé/);
    t.notMatch(r.reason, /\uFFFD/, 'not cut inside a character');
  });

  t.test('the gateway survives bad clients: garbage upgrade, abrupt disconnects', async (t) => {
    const p = await ws(s, `
      solidb.ws.channel.subscribe("abrupt")
      solidb.ws.presence.join("abrupt", {})
      while true do local m = solidb.ws.recv_any(1000) if m == nil then break end end`);
    for (let i = 0; i < 10; i++) {
      const w = new WebSocket(s.wsUrl(p));
      await new Promise((r) => w.on('open', r));
      w.terminate();
    }
    for (const req of [
      `GET ${p} HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      `GET ${p} HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Key: nonsense\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      'GARBAGE\r\n\r\n',
    ]) {
      const sock = createConnection(s.port, '127.0.0.1');
      sock.on('error', () => {});
      sock.write(req);
      await sleep(50);
      sock.destroy();
    }
    await sleep(300);
    const m = await (await fetch(s.http + '/_api/metrics')).text();
    t.match(m, /moongate_presence_members 0\n/, 'abruptly closed connections left presence');
    const h = await fetch(s.http + '/_api/health');
    t.equal(h.status, 200);
  });
});
