// Management API, auth, storage across restarts, compile errors.
import t from 'tap';
import { statSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, tempDir, ADMIN_KEY, sleep } from './helpers.js';
import { rmSync } from 'node:fs';

t.setTimeout(90_000);

t.test('health, metrics and the admin key', async (t) => {
  const s = await startServer({ args: ['--no-examples'] });
  t.teardown(() => s.cleanup());
  const h = await fetch(s.http + '/_api/health');
  t.equal(h.status, 200);
  t.same(await h.json(), { status: 'ok' });
  const m = await fetch(s.http + '/_api/metrics');
  t.equal(m.status, 200);
  const text = await m.text();
  for (const name of ['moongate_ws_connections', 'moongate_ws_messages_in_total', 'moongate_ws_messages_out_total', 'moongate_broadcasts_total',
    'moongate_channels', 'moongate_presence_members', 'moongate_script_errors_total', 'moongate_cpu_limit_kills_total', 'moongate_compile_seconds',
    'moongate_process_nodejs_eventloop_lag_seconds']) {
    t.match(text, name, `metrics has ${name}`);
  }

  const noKey = await s.admin('GET', '/_api/database/_system/scripts', undefined, null);
  t.equal(noKey.status, 401);
  t.match(noKey.json, { error: /admin key/ });
  t.equal((await s.admin('GET', '/_api/database/_system/scripts', undefined, 'wrong')).status, 401);
  const bearer = await fetch(s.http + '/_api/database/_system/scripts', { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
  t.equal(bearer.status, 200);
  t.same(await bearer.json(), []);
  t.equal((await s.admin('GET', '/_api/channels', undefined, null)).status, 401);
  t.equal((await s.admin('GET', '/_api/nope')).status, 404);
});

t.test('a generated admin key is stored with mode 0600 and printed once', async (t) => {
  const dir = tempDir();
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const s1 = await startServer({ dataDir: dir, adminKeyEnv: false, args: ['--no-examples'] });
  const file = join(dir, 'admin.key');
  t.ok(existsSync(file));
  t.equal(statSync(file).mode & 0o777, 0o600);
  const key = readFileSync(file, 'utf8').trim();
  t.ok(s1.stdout.some((l) => l.includes(key)), 'printed on first start');
  t.equal((await s1.admin('GET', '/_api/database/_system/scripts', undefined, key)).status, 200);
  t.equal((await s1.admin('GET', '/_api/database/_system/scripts', undefined, ADMIN_KEY)).status, 401);
  await s1.stop();
  const s2 = await startServer({ dataDir: dir, adminKeyEnv: false, args: ['--no-examples'] });
  t.notOk(s2.stdout.some((l) => l.includes(key)), 'not printed again');
  t.equal((await s2.admin('GET', '/_api/database/_system/scripts', undefined, key)).status, 200);
  await s2.stop();
});

t.test('script CRUD, shorthand, conflicts, validation', async (t) => {
  const s = await startServer({ args: ['--no-examples'] });
  t.teardown(() => s.cleanup());
  const created = await s.register('_system', 'hello', 'hello/:who', ['GET'], 'return {v = 1, who = request.params.who}', { description: 'greets' });
  t.match(created, { id: String, db: '_system', name: 'hello', path: 'hello/:who', methods: ['GET'], auth: 'none', description: 'greets', version: 1 });
  t.same((await (await fetch(s.http + '/api/custom/_system/hello/ann')).json()), { v: 1, who: 'ann' });

  const list = await s.admin('GET', '/_api/database/_system/scripts');
  t.equal(list.status, 200);
  t.equal(list.json.length, 1);
  const one = await s.admin('GET', `/_api/database/_system/scripts/${created.id}`);
  t.equal(one.json.code, 'return {v = 1, who = request.params.who}');
  t.equal((await s.admin('GET', '/_api/database/other/scripts')).json.length, 0, 'scripts are per database');

  const conflict = await s.admin('POST', '/_api/database/_system/scripts', { name: 'x', path: 'hello/:name', methods: ['GET', 'POST'], code: 'return 1' });
  t.equal(conflict.status, 409);
  const postToo = await s.admin('POST', '/_api/database/_system/scripts', { name: 'x', path: 'hello/:name', methods: ['POST'], code: 'return {post = true}' });
  t.equal(postToo.status, 201, 'same path, other method');
  t.same(await (await fetch(s.http + '/api/custom/_system/hello/z', { method: 'POST' })).json(), { post: true });

  const upd = await s.admin('PUT', `/_api/database/_system/scripts/${created.id}`, { code: 'return {v = 2}' });
  t.equal(upd.status, 200);
  t.equal(upd.json.version, 2);
  t.same(await (await fetch(s.http + '/api/custom/_system/hello/ann')).json(), { v: 2 });

  for (const bad of [
    {},
    { name: 'a', path: '', methods: ['GET'], code: 'return 1' },
    { name: 'a', path: 'a', methods: ['FETCH'], code: 'return 1' },
    { name: 'a', path: 'a', methods: [], code: 'return 1' },
    { name: 'a', path: 'a', methods: ['GET'], code: '' },
    { name: 'a', path: 'a', methods: ['GET'], code: 'return 1', auth: 'maybe' },
  ]) {
    const r = await s.admin('POST', '/_api/database/_system/scripts', bad);
    t.equal(r.status, 400, `rejects ${JSON.stringify(bad)}`);
    t.type(r.json.error, 'string');
  }
  t.equal((await s.admin('POST', '/_api/database/_system/scripts', '{"name": ')).status, 400, 'malformed JSON body');
  t.equal((await s.admin('POST', '/_api/database/bad%20db/scripts', { name: 'a', path: 'a', methods: ['GET'], code: 'return 1' })).status, 400);

  // the spec's shorthand creates, then replaces
  const sh = await s.admin('POST', '/_api/custom/_system/room', { method: 'WS', code: 'solidb.ws.send("v1")' });
  t.equal(sh.status, 201);
  t.same(sh.json.methods, ['WS']);
  const sh2 = await s.admin('POST', '/_api/custom/_system/room', { method: 'WS', code: 'solidb.ws.send("v2")' });
  t.equal(sh2.status, 200);
  t.equal(sh2.json.id, sh.json.id);
  t.equal(sh2.json.version, 2);

  const del = await s.admin('DELETE', `/_api/database/_system/scripts/${created.id}`);
  t.equal(del.status, 200);
  t.equal((await fetch(s.http + '/api/custom/_system/hello/ann')).status, 405, 'only the POST script is left there');
  t.equal((await s.admin('GET', `/_api/database/_system/scripts/${created.id}`)).status, 404);
  t.equal((await s.admin('DELETE', `/_api/database/_system/scripts/${created.id}`)).status, 404);
});

t.test('a syntax error gives 400 {error, line, column} and stores nothing', async (t) => {
  const s = await startServer({ args: ['--no-examples'] });
  t.teardown(() => s.cleanup());
  const r = await s.admin('POST', '/_api/database/_system/scripts', { name: 'broken', path: 'broken', methods: ['GET'], code: 'local a = 1\nlocal b = = 2\n' });
  t.equal(r.status, 400);
  t.match(r.json, { error: /broken\.lua:2:/, line: 2, column: Number });
  t.same((await s.admin('GET', '/_api/database/_system/scripts')).json, []);
  t.equal((await fetch(s.http + '/api/custom/_system/broken')).status, 404);
  const sh = await s.admin('POST', '/_api/custom/_system/broken', { method: 'WS', code: 'while do end' });
  t.equal(sh.status, 400);
  t.type(sh.json.line, 'number');
  // an update with a syntax error keeps the old version
  const ok = await s.register('_system', 'keep', 'keep', ['GET'], 'return {ok = true}');
  const bad = await s.admin('PUT', `/_api/database/_system/scripts/${ok.id}`, { code: 'return {' });
  t.equal(bad.status, 400);
  t.same(await (await fetch(s.http + '/api/custom/_system/keep')).json(), { ok: true });
});

t.test('a restart keeps the registered scripts (same data dir)', async (t) => {
  const dir = tempDir();
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const s1 = await startServer({ dataDir: dir });
  const names = (await s1.admin('GET', '/_api/database/_system/scripts')).json.map((x: any) => x.name).sort();
  t.same(names, ['chat', 'notifications', 'typing'], 'examples registered into an empty data dir');
  const reg = await s1.register('app', 'sum', 'sum', ['POST'], 'return {sum = request.body.a + request.body.b}');
  await s1.stop();
  const s2 = await startServer({ dataDir: dir });
  t.teardown(() => s2.stop());
  const list = (await s2.admin('GET', '/_api/database/app/scripts')).json;
  t.same(list.map((x: any) => x.id), [reg.id]);
  const r = await fetch(s2.http + '/api/custom/app/sum', { method: 'POST', body: JSON.stringify({ a: 2, b: 3 }) });
  t.same(await r.json(), { sum: 5 });
  t.equal((await s2.admin('GET', '/_api/database/_system/scripts')).json.length, 3, 'examples not registered twice');
});

t.test('graceful shutdown exits 0', async (t) => {
  const s = await startServer({ args: ['--no-examples'] });
  t.teardown(() => s.cleanup());
  await sleep(50);
  t.equal(await s.stop(), 0);
});

t.test('refuses the slow uWebSockets.js fallback unless allowed', async (t) => {
  await t.rejects(startServer({ args: ['--no-examples'], env: { UWS_USE_FALLBACK: '1' } }), /exited \(1\) before listening/);
});
