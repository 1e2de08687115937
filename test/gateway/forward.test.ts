// Native forwarding of channel broadcasts (src/forwarding.ts): when it applies, and that a client sees
// exactly what the script would have sent, in the same order, with the same recv_any timeouts and
// backpressure rule, with the fast path on and off.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, connect, sleep, ROOT, type Server, type Client } from './helpers.js';
import { forwardsChannels } from '../../src/forward-analysis.js';

t.setTimeout(120_000);

const CHAT = readFileSync(join(ROOT, 'examples', 'chat_room.lua'), 'latin1');

// Forwards channel events; a client message {n} broadcasts, {echo} answers directly; presence events
// are reported. recv_any(600): 600 ms without any event ends the script (close 1000).
const FWD = `
solidb.ws.channel.subscribe("room")
solidb.ws.presence.join("room", {name = request.query.name})
solidb.ws.send(json.encode({type = "ready"}))
while true do
  local msg, msg_type = solidb.ws.recv_any(600)
  if msg == nil then break end
  if msg_type == "ws" then
    local data = json.decode(msg)
    if data.n then solidb.ws.channel.broadcast("room", {n = data.n, from = request.query.name}) end
    if data.echo then solidb.ws.send(json.encode({echo = data.echo})) end
    if data.swap then json.encode = function(v) return "swapped" end end
  elseif msg_type == "channel" then
    solidb.ws.send(json.encode(msg.data))
  elseif msg_type == "presence" then
    solidb.ws.send(json.encode({presence = msg.event_type, who = msg.user_info.name}))
  end
end
`;

// The same, except that the channel branch also counts: it must not be forwarded natively.
const COUNTING = FWD.replace(
  'solidb.ws.send(json.encode(msg.data))',
  'seen = (seen or 0) + 1 solidb.ws.send(json.encode({n = msg.data.n, from = msg.data.from, seen = seen}))',
);

t.test('analysis: what qualifies', async (t) => {
  t.ok(forwardsChannels(CHAT), "the spec's chat room");
  const example = (f: string) => readFileSync(join(ROOT, 'examples', f), 'latin1');
  t.ok(forwardsChannels(example('typing_indicator.lua')), 'the typing indicator (no nil check, recv_any(100))');
  t.notOk(forwardsChannels(example('notifications.lua')), 'notifications wraps the data: it must run');
  t.ok(forwardsChannels(FWD));
  t.ok(forwardsChannels(CHAT.replace('if msg == nil then break end', 'if not msg then break end')));
  const no: Record<string, string> = {
    'channel branch with another effect': COUNTING,
    'two sends': CHAT.replace('solidb.ws.send(json.encode(msg.data))', 'solidb.ws.send(json.encode(msg.data)) solidb.ws.send(json.encode(msg.data))'),
    'sends something else': CHAT.replace('json.encode(msg.data)', 'json.encode(msg)'),
    'recv_any aliased': CHAT + '\nlocal r = solidb.ws.recv_any',
    'a second recv_any': CHAT + '\nsolidb.ws.recv_any(1)',
    'a recv': CHAT + '\nsolidb.ws.recv()',
    'json shadowed': 'local json = json\n' + CHAT,
    'solidb passed around': CHAT + '\nprint(solidb)',
    'timeout not a literal': CHAT.replace('recv_any(30000)', 'recv_any(t)'),
    '_G': CHAT + '\nprint(_G)',
    load: CHAT + '\nload("x = 1")()',
    '<close> on msg': CHAT.replace('local msg, msg_type =', 'local msg <close>, msg_type ='),
    'statement after the if chain': CHAT.replace(/end\n$/, 'n = 1\nend\n'),
    'break on the channel path': CHAT.replace('solidb.ws.send(json.encode(msg.data))', 'break'),
    'unknown test': CHAT.replace('msg_type == "channel"', 'msg_type == x'),
    'syntax error': 'while true do',
  };
  for (const [what, src] of Object.entries(no)) t.notOk(forwardsChannels(src), what);
});

async function forwardedTotal(s: Server): Promise<number> {
  const m = await (await fetch(s.http + '/_api/metrics')).text();
  return Number(/^moongate_forwarded_total (\d+)/m.exec(m)?.[1] ?? NaN);
}

async function enter(s: Server, path: string, name: string): Promise<Client> {
  const c = await connect(s, `/api/custom/t/${path}?name=${name}`);
  if ((await c.nextJson()).type !== 'ready') throw new Error('no ready');
  return c;
}

/** Wait until `c` has received (not yet consumed) a message satisfying pred. */
async function has(c: Client, pred: (m: any) => boolean): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (c.messages.some((m) => pred(JSON.parse(m)))) return;
    await sleep(10);
  }
  throw new Error('message not received');
}

/** What a client sees in one scripted exchange (deterministic: every step waits for its effect). */
async function transcript(s: Server, path: string): Promise<string[]> {
  const b = await enter(s, path, 'B');
  const a = await enter(s, path, 'A');
  await b.until((m) => m.presence === 'join');
  for (let i = 1; i <= 3; i++) a.send({ n: i });
  await has(b, (m) => m.n === 3);
  const c = await enter(s, path, 'C'); // a presence event (script path) after a run of broadcasts
  await has(b, (m) => m.presence === 'join');
  a.send({ n: 4 });
  await has(b, (m) => m.n === 4);
  b.send({ echo: 'direct' }); // a client message (script path) between broadcasts
  await has(b, (m) => m.echo !== undefined);
  a.send({ n: 5 });
  await has(b, (m) => m.n === 5);
  c.close();
  await has(b, (m) => m.presence === 'leave');
  a.send({ n: 6 });
  a.send({ n: 7 });
  await has(b, (m) => m.n === 7);
  const seen = [...b.messages];
  a.close();
  b.close();
  return seen;
}

t.test('a stored script forwards after a restart (analysed at load)', async (t) => {
  const first = await startServer({ args: ['--no-examples'] });
  await first.register('t', 'chat', 'chat', ['WS'], CHAT);
  await first.stop();
  const s = await startServer({ dataDir: first.dataDir, args: ['--no-examples'] });
  t.teardown(async () => {
    await s.cleanup();
    await first.cleanup();
  });
  const b = await connect(s, '/api/custom/t/chat?name=B');
  await b.nextJson();
  const a = await connect(s, '/api/custom/t/chat?name=A');
  await a.nextJson();
  await b.until((m) => m.type === 'presence_join');
  a.send({ type: 'message', text: 'hi' });
  t.same(await b.until((m) => m.type === 'chat'), { type: 'chat', from: 'A', text: 'hi' });
  t.equal(await forwardedTotal(s), 1, "B's copy was forwarded (A's own went through its script)");
  a.close();
  b.close();
});

t.test('gateway', async (t) => {
  const on = await startServer({ args: ['--no-examples'] });
  const off = await startServer({ args: ['--no-examples', '--no-native-forwarding'] });
  t.teardown(async () => {
    await on.cleanup();
    await off.cleanup();
  });
  for (const s of [on, off]) {
    await s.register('t', 'fwd', 'fwd', ['WS'], FWD);
    await s.register('t', 'counting', 'counting', ['WS'], COUNTING);
    await s.register('t', 'chat', 'chat', ['WS'], CHAT);
  }

  t.test('same messages in the same order, fast path on and off', async (t) => {
    const before = await forwardedTotal(on);
    const fast = await transcript(on, 'fwd');
    t.ok((await forwardedTotal(on)) > before, 'broadcasts were forwarded natively');
    const slow = await transcript(off, 'fwd');
    t.same(fast, slow);
    t.same(
      fast.map((m) => JSON.parse(m)),
      [
        { n: 1, from: 'A' },
        { n: 2, from: 'A' },
        { n: 3, from: 'A' },
        { presence: 'join', who: 'C' },
        { n: 4, from: 'A' },
        { echo: 'direct' },
        { n: 5, from: 'A' },
        { presence: 'leave', who: 'C' },
        { n: 6, from: 'A' },
        { n: 7, from: 'A' },
      ],
    );
  });

  t.test('a script whose channel branch does more is not forwarded', async (t) => {
    const before = await forwardedTotal(on);
    const b = await enter(on, 'counting', 'B');
    const a = await enter(on, 'counting', 'A');
    for (let i = 1; i <= 3; i++) a.send({ n: i });
    const got = [];
    for (let i = 1; i <= 3; i++) got.push(await b.until((m) => m.n === i));
    t.same(got.map((m) => m.seen), [1, 2, 3], 'every broadcast ran the script');
    t.equal(await forwardedTotal(on), before);
    a.close();
    b.close();
  });

  t.test('recv_any timeout: a forwarded broadcast restarts it, as a delivered event does', async (t) => {
    for (const s of [on, off]) {
      const b = await enter(s, 'fwd', 'B');
      const a = await enter(s, 'fwd', 'A');
      const start = Date.now();
      // a broadcast every 300 ms for 1.8 s: b's 600 ms timeout never runs out meanwhile
      // (a is the sender: its own copy comes through its script)
      let last = 0;
      for (let i = 1; i <= 6; i++) {
        a.send({ n: i });
        await b.until((m) => m.n === i);
        last = Date.now();
        t.equal(b.closeCode, undefined, `b still open after broadcast ${i}`);
        if (i < 6) await sleep(300);
      }
      const closed = await b.closedWithin(3000);
      t.equal(closed.code, 1000, 'the script ended on its timeout');
      const after = Date.now() - last;
      t.ok(after >= 450 && after < 1500, `closed ${after} ms after the last broadcast (timeout 600 ms)`);
      t.ok(Date.now() - start > 1800);
      a.close();
    }
  });

  t.test('json.encode replaced (in the library table other connections share): not forwarded', async (t) => {
    await on.register('t', 'swap', 'swap', ['WS'], FWD);
    const b = await enter(on, 'swap', 'B');
    const a = await enter(on, 'swap', 'A');
    a.send({ n: 1 });
    t.same(await b.until((m) => m.n !== undefined), { n: 1, from: 'A' });
    const before = await forwardedTotal(on);
    a.send({ swap: true }); // A's script replaces json.encode while B waits, forwarding
    a.send({ n: 2 });
    t.equal(await b.next(), 'swapped', "B's script ran, with the new json.encode");
    t.equal(await forwardedTotal(on), before);
    a.close();
    b.close();
  });

  t.test('the timeout still ends an idle forwarding session', async (t) => {
    const b = await enter(on, 'fwd', 'B');
    const t0 = Date.now();
    t.equal((await b.closedWithin(3000)).code, 1000);
    t.ok(Date.now() - t0 >= 500);
  });

  t.test('a client that cannot keep up with forwarded broadcasts is disconnected with 1008', async (t) => {
    for (const s of [on, off]) {
      const before = await forwardedTotal(s);
      const slow = await connect(s, '/api/custom/t/chat?name=slow');
      await slow.nextJson();
      const sender = await connect(s, '/api/custom/t/chat?name=sender');
      await sender.nextJson();
      await slow.until((m) => m.type === 'presence_join');
      const sock = (slow.ws as any)._socket;
      sock.pause(); // stop reading: the kernel buffers fill, then the server's
      const text = 'y'.repeat(30000);
      // up to 1000 × 30 KB = 30 MB, far over the 1 MB limit and the socket buffers
      for (let i = 0; i < 200 && slow.closeCode === undefined; i++) {
        for (let j = 0; j < 5; j++) sender.send({ type: 'message', text });
        await sender.until((m) => m.type === 'chat' && m.text === text, 5000);
      }
      if (s === on) t.ok((await forwardedTotal(s)) > before, 'forwarded natively while it could');
      sock.resume();
      const closed = await slow.closedWithin(10_000);
      t.same(closed, { code: 1008, reason: 'slow consumer' });
      sender.close();
    }
  });
});
