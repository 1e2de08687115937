// The spec's three examples, registered automatically into an empty data dir, end to end with several clients.
import t from 'tap';
import { startServer, connect, sleep } from './helpers.js';

t.setTimeout(90_000);

t.test('examples', async (t) => {
  const s = await startServer();
  t.teardown(() => s.cleanup());

  t.test('Simple Chat Room', async (t) => {
    const url = (room: string, name: string) => `/api/custom/_system/chat?room=${room}&name=${name}`;
    const alice = await connect(s, url('general', 'Alice'));
    const init = await alice.nextJson();
    t.equal(init.type, 'init');
    t.equal(init.users.length, 1);
    t.match(init.users[0], { connection_id: String, joined_at: Number, user_info: { name: 'Alice', joined: Number } });
    const bob = await connect(s, url('general', 'Bob'));
    const initB = await bob.nextJson();
    t.same(initB.users.map((u: any) => u.user_info.name), ['Alice', 'Bob']);
    t.match(await alice.nextJson(), { type: 'presence_join', user: { name: 'Bob' } });
    const carol = await connect(s, url('other', 'Carol'));
    t.same((await carol.nextJson()).users.map((u: any) => u.user_info.name), ['Carol']);

    bob.send({ type: 'message', text: 'hello, world' });
    t.same(await alice.nextJson(), { type: 'chat', from: 'Bob', text: 'hello, world' });
    t.same(await bob.nextJson(), { type: 'chat', from: 'Bob', text: 'hello, world' }, 'the sender gets its own message');
    alice.send({ type: 'typing' }); // not a message: ignored
    alice.send({ type: 'message', text: 'hi Bob' });
    t.same(await bob.nextJson(), { type: 'chat', from: 'Alice', text: 'hi Bob' });
    t.same(await alice.nextJson(), { type: 'chat', from: 'Alice', text: 'hi Bob' });
    t.equal(await carol.quiet(100), undefined, 'other rooms hear nothing');

    bob.close();
    t.match(await alice.nextJson(), { type: 'presence_leave', user: { name: 'Bob' } });
    const p = await s.admin('GET', '/_api/database/_system/channels/chat:general/presence');
    t.same(p.json.members.map((m: any) => m.user_info.name), ['Alice']);
    alice.close();
    carol.close();
  });

  t.test('Multi-Channel Notifications', async (t) => {
    const url = (u: string, team: string) => `/api/custom/_system/notifications?user_id=${u}&team_id=${team}`;
    const u1 = await connect(s, url('1', '7'));
    const u2 = await connect(s, url('2', '7'));
    const u3 = await connect(s, url('3', '8'));
    await sleep(50);
    await s.admin('POST', '/_api/database/_system/channels/user:1/broadcast', { msg: 'just you' });
    t.same(await u1.nextJson(), { type: 'notification', channel: 'user:1', data: { msg: 'just you' } });
    await s.admin('POST', '/_api/database/_system/channels/team:7/broadcast', { msg: 'team' });
    t.same(await u1.nextJson(), { type: 'notification', channel: 'team:7', data: { msg: 'team' } });
    t.same(await u2.nextJson(), { type: 'notification', channel: 'team:7', data: { msg: 'team' } });
    await s.admin('POST', '/_api/database/_system/channels/global:announcements/broadcast', { msg: 'all' });
    for (const c of [u1, u2, u3]) t.same(await c.nextJson(), { type: 'notification', channel: 'global:announcements', data: { msg: 'all' } });
    t.equal(await u3.quiet(100), undefined);
    t.equal(u1.messages.length + u2.messages.length, 0);
    for (const c of [u1, u2, u3]) c.close();
  });

  t.test('Typing Indicator with Presence', async (t) => {
    const url = (doc: string, user: string) => `/api/custom/_system/typing?doc_id=${doc}&user_id=${user}`;
    const alice = await connect(s, url('readme', 'alice'));
    await sleep(50);
    const bob = await connect(s, url('readme', 'bob'));
    t.same(await alice.nextJson(), { type: 'user_join', user: { user_id: 'bob', cursor: { line: 0, col: 0 } } });
    bob.send({ type: 'cursor', position: { line: 3, col: 14 } });
    t.same(await alice.nextJson(), { type: 'cursor_move', user_id: 'bob', position: { line: 3, col: 14 } });
    t.same(await bob.nextJson(), { type: 'cursor_move', user_id: 'bob', position: { line: 3, col: 14 } });
    await sleep(350); // several recv_any(100) timeouts pass without closing anything
    alice.send({ type: 'cursor', position: { line: 1, col: 1 } });
    t.same(await bob.nextJson(), { type: 'cursor_move', user_id: 'alice', position: { line: 1, col: 1 } });
    await alice.nextJson();
    bob.close();
    t.same(await alice.nextJson(), { type: 'user_leave', user: { user_id: 'bob', cursor: { line: 0, col: 0 } } });
    alice.close();
    await sleep(300);
    const m = await (await fetch(s.http + '/_api/metrics')).text();
    t.match(m, /moongate_ws_connections 0\n/, 'the never-ending example loops are stopped once their clients left');
    t.match(m, /moongate_presence_members 0\n/);
  });
});
