// HTTP scripts: request table, responses, errors, limits, user tokens.
import t from 'tap';
import { startServer, connect, userToken, JWT_SECRET } from './helpers.js';

t.setTimeout(90_000);

t.test('HTTP invocation', async (t) => {
  const s = await startServer({ args: ['--no-examples', '--cpu-limit-ms', '200'] });
  t.teardown(() => s.cleanup());
  const get = (p: string, init?: RequestInit) => fetch(s.http + '/api/custom/app' + p, init);

  await s.register('app', 'echo', 'echo/:id/items/:item', ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], `
    return {
      method = request.method, path = request.path, query = request.query, params = request.params,
      ua = request.headers["x-test"], body = request.body, user = request.user, empty = {}, list = {1, 2, 3}
    }`);
  let r = await get('/echo/42/items/b%20c?x=1&y=h%C3%A9', { headers: { 'X-Test': 'yes' } });
  t.equal(r.status, 200);
  t.match(r.headers.get('content-type'), /application\/json/);
  t.same(await r.json(), {
    method: 'GET', path: '/api/custom/app/echo/42/items/b%20c', query: { x: '1', y: 'hé' }, params: { id: '42', item: 'b c' },
    ua: 'yes', empty: {}, list: [1, 2, 3],
  });
  r = await get('/echo/1/items/2', { method: 'POST', body: JSON.stringify({ a: [1, { b: null }], s: 'ü' }), headers: { 'content-type': 'application/json' } });
  t.same((await r.json()).body, { a: [1, {}], s: 'ü' });
  r = await get('/echo/1/items/2', { method: 'PUT', body: '{"a": ' });
  t.equal(r.status, 400);
  t.same(await r.json(), { error: 'malformed JSON body' });
  t.equal((await get('/echo/1/items')).status, 404);
  t.equal((await get('/nothing')).status, 404);
  t.equal((await fetch(s.http + '/api/custom/zzz/echo/1/items/2')).status, 404);

  await s.register('app', 'resp', 'resp/:kind', ['GET'], `
    local k = request.params.kind
    if k == "json" then return response.json({created = true}, 201)
    elseif k == "text" then return response.text("plain text", 202)
    elseif k == "html" then response.html("<h1>hi</h1>") return
    elseif k == "redirect" then return response.redirect("/elsewhere")
    elseif k == "status" then response.status(418) response.header("X-Custom", "v") return {teapot = true}
    elseif k == "error" then solidb.error("not allowed", 403)
    elseif k == "error500" then solidb.error("plain")
    elseif k == "crash" then
      local t = nil
      return t.x
    elseif k == "spin" then while true do end
    end
    return {kind = k}`);
  r = await get('/resp/json');
  t.equal(r.status, 201);
  t.same(await r.json(), { created: true });
  r = await get('/resp/text');
  t.equal(r.status, 202);
  t.match(r.headers.get('content-type'), /text\/plain/);
  t.equal(await r.text(), 'plain text');
  r = await get('/resp/html');
  t.match(r.headers.get('content-type'), /text\/html/);
  t.equal(await r.text(), '<h1>hi</h1>');
  r = await get('/resp/redirect', { redirect: 'manual' });
  t.equal(r.status, 302);
  t.equal(r.headers.get('location'), '/elsewhere');
  r = await get('/resp/status');
  t.equal(r.status, 418);
  t.equal(r.headers.get('x-custom'), 'v');
  t.same(await r.json(), { teapot: true });
  r = await get('/resp/error');
  t.equal(r.status, 403);
  t.same(await r.json(), { error: 'not allowed' });
  r = await get('/resp/error500');
  t.equal(r.status, 500);
  r = await get('/resp/crash');
  t.equal(r.status, 500);
  const crash = await r.json();
  t.match(crash.error, /^resp\.lua:12: attempt to index a nil value/);
  t.equal(crash.script, 'resp.lua');
  const t0 = Date.now();
  r = await get('/resp/spin');
  t.equal(r.status, 503);
  t.match(await r.json(), { error: /CPU/ });
  t.ok(Date.now() - t0 < 5000, 'stopped by the CPU limit');
  r = await get('/resp/other');
  t.same(await r.json(), { kind: 'other' }, 'served normally after a runaway request');
});

t.test('user tokens and auth: "required"', async (t) => {
  const s = await startServer({ args: ['--no-examples'] });
  t.teardown(() => s.cleanup());
  await s.register('app', 'me', 'me', ['GET', 'WS'], `
    if request.method == "WS" then
      solidb.ws.send(json.encode({user = request.user}))
      return
    end
    return {user = request.user}`, { auth: 'required' });
  await s.register('app', 'open', 'open', ['GET'], 'return {user = request.user, token = request.query.token}');
  const tok = await userToken({ sub: 'u1', name: 'Alice', roles: ['a'] });
  let r = await fetch(s.http + '/api/custom/app/me');
  t.equal(r.status, 401);
  r = await fetch(s.http + '/api/custom/app/me', { headers: { authorization: `Bearer ${tok}` } });
  t.equal(r.status, 200);
  t.match((await r.json()).user, { sub: 'u1', name: 'Alice', roles: ['a'] });
  r = await fetch(s.http + '/api/custom/app/me?token=' + tok);
  t.equal(r.status, 200);
  r = await fetch(s.http + '/api/custom/app/me', { headers: { authorization: `Bearer ${await userToken({ sub: 'x' }, JWT_SECRET + 'wrong')}` } });
  t.equal(r.status, 401);
  r = await fetch(s.http + '/api/custom/app/me', { headers: { authorization: `Bearer ${await userToken({ sub: 'x' }, JWT_SECRET, '-1m')}` } });
  t.equal(r.status, 401);
  t.same(await r.json(), { error: 'token expired' });
  r = await fetch(s.http + '/api/custom/app/open');
  t.same(await r.json(), {}, 'no token: request.user is nil');
  r = await fetch(s.http + '/api/custom/app/open?token=' + tok);
  const open = await r.json();
  t.equal(open.user.sub, 'u1');
  t.equal(open.token, undefined, 'the token is not passed on in request.query');

  // WebSocket: refused upgrade without a token, request.user with ?token=
  const c0 = connect(s, '/api/custom/app/me');
  await t.rejects(c0, { status: 401 });
  const c = await connect(s, '/api/custom/app/me?token=' + tok);
  t.match(await c.nextJson(), { user: { sub: 'u1', name: 'Alice' } });
  t.equal((await c.closedWithin()).code, 1000);
});

t.test('broadcast from an HTTP script reaches WebSocket subscribers (sender_id nil)', async (t) => {
  const s = await startServer({ args: ['--no-examples'] });
  t.teardown(() => s.cleanup());
  await s.register('app', 'sub', 'sub', ['WS'], `
    solidb.ws.channel.subscribe("news")
    solidb.ws.send("ready")
    local m, kind = solidb.ws.recv_any(5000)
    solidb.ws.send(json.encode({kind = kind, channel = m.channel, data = m.data, sender = m.sender_id or "nil", ts = math.type(m.timestamp)}))`);
  await s.register('app', 'pub', 'pub', ['POST'], 'return {ok = solidb.ws.channel.broadcast("news", request.body)}');
  const c = await connect(s, '/api/custom/app/sub');
  t.equal(await c.next(), 'ready');
  const r = await fetch(s.http + '/api/custom/app/pub', { method: 'POST', body: JSON.stringify({ headline: 'hi' }) });
  t.same(await r.json(), { ok: true });
  t.same(await c.nextJson(), { kind: 'channel', channel: 'news', data: { headline: 'hi' }, sender: 'nil', ts: 'integer' });
});
