// Suspension: the analysis that decides which functions become generators, and the driver that
// suspends a script anywhere (nested calls, pcall, metamethods, iterators, coroutines, loaded chunks)
// and resumes it exactly there.

import t from 'tap';
import { compile, type CompiledScript } from '../compiler/index.js';
import { createInstance, suspending, LuaTable, type LuaValue, type RunResult } from '../runtime/index.js';

/** How a local function `name` was emitted: 'gen' (mkG(function* ...)), 'plain' (function (...)), or undefined. */
function kind(script: CompiledScript, name: string): 'gen' | 'plain' | undefined {
  const m = new RegExp(`let ${name}\\$\\d+ = (mkG\\(function\\* ?\\(|function ?\\()`).exec(script.js);
  if (m === null) return undefined;
  return m[1].startsWith('mkG') ? 'gen' : 'plain';
}
const generators = (script: CompiledScript): number => (script.js.match(/mkG\(function\*/g) ?? []).length;
const plains = (script: CompiledScript): number => (script.js.match(/(?<!mkG\()function ?\(/g) ?? []).length;

const lua = (src: string): CompiledScript => compile(src, { chunkName: 'x.lua' });

t.test('analysis', async (t) => {
  t.test('a chunk that never mentions a suspending name has no generator', async (t) => {
    const s = lua(`
      local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
      local function apply(f, x) return f(x) end
      local t = {f = function() return 1 end}
      function g() return t.f() + apply(fib, 10) end
      print(g(), string.format("%d", 1))
    `);
    t.equal(s.suspends, false);
    t.equal(generators(s), 0, 'no mkG(function*');
    t.notMatch(s.js, /function\*/);
    t.equal(kind(s, 'fib'), 'plain');
    t.equal(kind(s, 'apply'), 'plain');
    t.ok(plains(s) >= 4);
  });

  t.test('each suspending name makes the chunk suspend', async (t) => {
    for (const name of ['recv', 'recv_any', 'coroutine.yield', 'load']) {
      const s = lua(`local x = ${name}("return 1")`);
      t.equal(s.suspends, true, name);
      t.equal(generators(s), 1, `${name}: the main function is a generator`);
    }
    // a name inside a longer identifier does not count
    const s = lua('local receiver = 1 local recvd = 2 print(receiver + recvd)');
    t.equal(s.suspends, false, 'receiver/recvd are not recv');
  });

  t.test('a self-recursive function stays plain beside a recv loop', async (t) => {
    const s = lua(`
      local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
      while true do
        local m = recv()
        if m == nil then break end
        print(fib(tonumber(m)))
      end
    `);
    t.equal(s.suspends, true);
    t.equal(kind(s, 'fib'), 'plain');
    t.equal(generators(s), 1, 'only the main function');
  });

  t.test('unknown callees make a function a generator', async (t) => {
    const s = lua(`
      local t = {f = function() return 1 end}
      local function field() return t.f() end
      function userGlobal() return 2 end
      local function global() return userGlobal() end
      local function param(cb) return cb() end
      local function method(o) return o:m() end
      local function localAlias() local sf = string.format return sf("%d", 1) end
      local v = recv()
    `);
    t.equal(kind(s, 'field'), 'gen', 't.f()');
    t.equal(kind(s, 'global'), 'gen', 'a global user function');
    t.equal(kind(s, 'param'), 'gen', 'a parameter');
    t.equal(kind(s, 'method'), 'gen', 'a method call');
    t.equal(kind(s, 'localAlias'), 'gen', 'a built-in through a local alias');
  });

  t.test('safe built-ins keep a function plain', async (t) => {
    const s = lua(`
      local function fmt(x) return string.format("%d", math.floor(x)) .. tostring(x) end
      local function pr(x) print(x, type(x), select("#", x)) end
      local function lib(t) table.insert(t, 1) table.sort(t) return table.concat(t, ","), #t, math.max(1, 2), json.encode(t) end
      local function pat(s) return (string.gsub(s, "%w", string.upper)), string.find(s, "a"), utf8.len(s) end
      local function nested(x) return fmt(x) .. lib({}) end
      local v = recv()
    `);
    t.equal(s.suspends, true);
    for (const f of ['fmt', 'pr', 'lib', 'pat', 'nested']) t.equal(kind(s, f), 'plain', f);
  });

  t.test('calling a generator makes the caller a generator (transitively)', async (t) => {
    const s = lua(`
      local function r() return recv() end
      local function viaR() return r() + 1 end
      local function viaViaR() return viaR() * 2 end
      local function independent() return 1 end
      local function callsIndependent() return independent() + 1 end
      print(viaViaR(), callsIndependent())
    `);
    t.equal(kind(s, 'r'), 'gen');
    t.equal(kind(s, 'viaR'), 'gen');
    t.equal(kind(s, 'viaViaR'), 'gen');
    t.equal(kind(s, 'independent'), 'plain');
    t.equal(kind(s, 'callsIndependent'), 'plain');
    t.equal(s.suspends, true);
  });

  t.test('a reassigned local function is unknown', async (t) => {
    const s = lua(`
      local function helper() return 1 end
      local function user() return helper() end
      helper = function() return recv() end
    `);
    t.equal(kind(s, 'user'), 'gen');
  });

  t.test('reassigning a built-in global makes calls through it unknown', async (t) => {
    const base = `
      local function fmt(x) return string.format("%d", x) end
      local function fl(x) return math.floor(x) end
      local function pr(x) print(x) end
      local v = recv()
    `;
    const s0 = lua(base);
    t.equal(kind(s0, 'fmt'), 'plain');
    t.equal(kind(s0, 'fl'), 'plain');
    const s1 = lua(base + 'string = {format = function() return recv() end}');
    t.equal(kind(s1, 'fmt'), 'gen', 'string reassigned');
    t.equal(kind(s1, 'fl'), 'plain', 'math untouched');
    t.equal(kind(s1, 'pr'), 'plain', 'print untouched');
    const s2 = lua(base + 'print = function(...) recv() end');
    t.equal(kind(s2, 'pr'), 'gen', 'print reassigned');
    t.equal(kind(s2, 'fmt'), 'plain');
    const s3 = lua(base + 'function math.floor(x) return recv() end');
    t.equal(kind(s3, 'fl'), 'gen', 'assigning a field of a library (function math.floor) counts too');
    // conservative: once a library field is assigned anywhere, no built-in call is trusted in the chunk
    t.equal(kind(s3, 'fmt'), 'gen', 'a replaced library field makes every built-in call unknown');
    // a library table modified through an alias: the call through the global path must still suspend
    for (const mutate of ['local m = math m.floor = function(x) return recv() end', 'rawset(math, "floor", function(x) return recv() end)', '_G.math.floor = function(x) return recv() end']) {
      const a = drive(lua(`${mutate}\nlocal function fl(x) return math.floor(x) end\nprint(fl(1))`), ['via alias']);
      t.equal(a.final.status, 'done', `${mutate}: runs`);
      t.equal(a.suspensions, 1, `${mutate}: suspends`);
      t.same(a.out, ['via alias'], `${mutate}: result`);
    }
    // ... and whatever the analysis decides, a reassigned built-in that suspends does suspend:
    const r3 = drive(s1, ['hi']);
    t.equal(r3.suspensions, 1);
    t.equal(r3.final.status, 'done');
  });

  t.test('the programs still behave the same whatever was made a generator', async (t) => {
    const s = lua(`
      local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
      local n = recv()
      print(fib(n), string.format("%05d", n))
    `);
    const r = drive(s, [20]);
    t.same(r.out, ['6765\t00020']);
  });
});

/** Run a script, answering every suspension with the next of `answers` (or nil values when they run out). */
function drive(script: CompiledScript, answers: LuaValue[], globals: Record<string, LuaValue> = {}) {
  const out: string[] = [];
  const inst = createInstance(script, { print: (l) => out.push(l), globals: { recv: suspending('recv'), ...globals } });
  const ops: string[] = [];
  let r: RunResult = inst.run();
  let i = 0;
  while (r.status === 'suspended' && i < 100000) {
    ops.push(r.op);
    r = inst.resume(i < answers.length ? [answers[i]] : []);
    i++;
  }
  return { final: r, out, suspensions: i, ops, inst };
}

/**
 * Step a script by hand: returns a function that checks the next suspension and resumes it, and the
 * printed lines so far.
 */
function stepper(t: { equal: (a: unknown, b: unknown, m?: string) => void; match: (a: unknown, b: unknown, m?: string) => void }, src: string) {
  const out: string[] = [];
  const inst = createInstance(lua(src), { print: (l) => out.push(l), globals: { recv: suspending('recv') } });
  let r: RunResult = inst.run();
  return {
    out,
    inst,
    get r() {
      return r;
    },
    /** expect a recv suspension now, then resume with `value` */
    resume(value: LuaValue[], what: string) {
      t.match(r, { status: 'suspended', op: 'recv' }, `suspended: ${what}`);
      r = inst.resume(value);
    },
  };
}

t.test('driver: recv suspends everywhere and resumes exactly there', async (t) => {
  t.test('top level', async (t) => {
    const s = stepper(t, 'local a, b = 1, "x" local v = recv() print("top", a, b, v) local w, z = recv() print("again", v, w, z)');
    t.same(s.out, [], 'nothing printed before the first recv');
    s.resume(['first'], 'top');
    t.same(s.out, ['top\t1\tx\tfirst']);
    s.resume(['w', 'z'], 'second');
    t.same(s.out, ['top\t1\tx\tfirst', 'again\tfirst\tw\tz'], 'several values become several results');
    t.match(s.r, { status: 'done' });
  });

  t.test('three nested Lua functions', async (t) => {
    const s = stepper(
      t,
      `
      local function l3(p) local q = p .. "!" local v = recv() return q .. v, #v end
      local function l2(p) local z = 2 local r, n = l3(p) return r .. z, n end
      local function l1(p) local before = "<" local r, n = l2(p) return before .. r .. ">", n end
      local count = 0
      for i = 1, 3 do
        local s, n = l1("p" .. i)
        count = count + n
        print(i, s, n, count)
      end
    `,
    );
    s.resume(['a'], 'i=1');
    s.resume(['bb'], 'i=2');
    s.resume(['ccc'], 'i=3');
    t.same(s.out, ['1\t<p1!a2>\t1\t1', '2\t<p2!bb2>\t2\t3', '3\t<p3!ccc2>\t3\t6']);
    t.match(s.r, { status: 'done' });
  });

  t.test('inside pcall (and an error after resume reaches that pcall)', async (t) => {
    const s = stepper(
      t,
      `
      local outer = "kept"
      print("ok", pcall(function(a) local v = recv() return a, v, outer end, "arg"))
      print("err", pcall(function() local v = recv() error("bad " .. v) end))
      print("errobj", pcall(function() local v = recv() error({v = v}) end))
      local ok, e = pcall(function() local v = recv() local x = nil return x[v] end)
      print("rt", ok, e)
      print("xp", xpcall(function() local v = recv() error(v, 0) end, function(m) return "handled:" .. m end))
      print("nested", pcall(pcall, function() local v = recv() error(v, 0) end))
      print("after", outer)
    `,
    );
    s.resume(['v1'], 'pcall');
    s.resume(['v2'], 'pcall + error');
    s.resume(['v3'], 'pcall + error object');
    s.resume(['k'], 'runtime error');
    s.resume(['v5'], 'xpcall');
    s.resume(['v6'], 'pcall(pcall)');
    t.equal(s.out[0], 'ok\ttrue\targ\tv1\tkept');
    t.equal(s.out[1], 'err\tfalse\tx.lua:4: bad v2');
    t.match(s.out[2], /^errobj\tfalse\ttable: 0x/);
    t.equal(s.out[3], "rt\tfalse\tx.lua:6: attempt to index a nil value (local 'x')");
    t.equal(s.out[4], 'xp\tfalse\thandled:v5');
    t.equal(s.out[5], 'nested\ttrue\tfalse\tv6');
    t.equal(s.out[6], 'after\tkept');
    t.match(s.r, { status: 'done' });
  });

  t.test('an uncaught error after resume ends the run with status error', async (t) => {
    const s = stepper(t, 'local v = recv()\nerror("after resume: " .. v)');
    s.resume(['x'], 'top');
    t.match(s.r, { status: 'error', message: 'x.lua:2: after resume: x', cpuLimit: false });
  });

  t.test('inside metamethods', async (t) => {
    const s = stepper(
      t,
      `
      local mt = {}
      mt.__index = function(t, k) local v = recv() return k .. "=" .. v end
      mt.__add = function(a, b) local v = recv() return a.n + b + #v end
      mt.__eq = function(a, b) return recv() == "yes" end
      mt.__lt = function(a, b) return recv() == "yes" end
      mt.__concat = function(a, b) return "cat:" .. recv() end
      mt.__call = function(self, x) return "called " .. x .. " " .. recv() end
      mt.__len = function() return tonumber(recv()) end
      local o = setmetatable({n = 10}, mt)
      local o2 = setmetatable({n = 20}, mt)
      local local_state = "ls"
      print("index", o.foo, local_state)
      print("add", o + 1, local_state)
      print("eq", o == o2)
      print("lt", o < o2)
      print("concat", o .. "x")
      print("call", o("arg"))
      print("len", #o)
    `,
    );
    s.resume(['I'], '__index');
    s.resume(['abc'], '__add');
    s.resume(['yes'], '__eq');
    s.resume(['no'], '__lt');
    s.resume(['C'], '__concat');
    s.resume(['K'], '__call');
    s.resume(['7'], '__len');
    t.same(s.out, ['index\tfoo=I\tls', 'add\t14\tls', 'eq\ttrue', 'lt\tfalse', 'concat\tcat:C', 'call\tcalled arg K', 'len\t7']);
    t.match(s.r, { status: 'done' });
  });

  t.test('inside a for-in iterator function (the only suspending call of the chunk body)', async (t) => {
    // main calls nothing unknown except the iterator, implicitly, through the generic for
    const script = lua('local function iter(s, i) if i >= 2 then return nil end return i + 1, recv() end\nfor i, v in iter, nil, 0 do print(i, v) end');
    t.equal(script.suspends, true, 'the main function is a generator');
    const r = drive(script, ['a', 'b']);
    t.equal(r.final.status, 'done', 'runs');
    t.equal(r.suspensions, 2, 'suspends in each iteration');
    t.same(r.out, ['1\ta', '2\tb'], '');
  });

  t.test('inside a for-in iterator function', async (t) => {
    const s = stepper(
      t,
      `
      local function iter(state, i)
        if i >= state.max then return nil end
        local v = recv()
        return i + 1, v
      end
      local acc = {recv()}
      for i, v in iter, {max = 3}, 0 do acc[#acc + 1] = i .. ":" .. v print("iter", i, v) end
      print(table.concat(acc, ","))
    `,
    );
    s.resume(['first'], 'before the loop');
    s.resume(['a'], 'iteration 1');
    s.resume(['b'], 'iteration 2');
    s.resume(['c'], 'iteration 3');
    t.same(s.out, ['iter\t1\ta', 'iter\t2\tb', 'iter\t3\tc', 'first,1:a,2:b,3:c']);
    t.match(s.r, { status: 'done' });
  });

  t.test('inside coroutines', async (t) => {
    const s = stepper(
      t,
      `
      local gen = coroutine.wrap(function(p)
        local w = recv()
        local y = coroutine.yield(p .. w)
        print("co after yield", y, w)
        local z = recv()
        return "end" .. z
      end)
      print("wrap1", gen("P"))
      print("wrap2", gen("Y"))
      local co = coroutine.create(function(a)
        local seen = {}
        for i = 1, 2 do seen[i] = recv() coroutine.yield(i) end
        return table.concat(seen, "+")
      end)
      print("resume", coroutine.resume(co, "a"))
      print("resume", coroutine.resume(co))
      local ok, v = coroutine.resume(co)
      print("resume", ok, v, coroutine.status(co))
    `,
    );
    s.resume(['w1'], 'wrap body, first call');
    t.same(s.out, ['wrap1\tPw1', 'co after yield\tY\tw1'], 'yielded to the first call; the second call continued after the yield');
    s.resume(['z1'], 'wrap body after yield');
    t.same(s.out, ['wrap1\tPw1', 'co after yield\tY\tw1', 'wrap2\tendz1']);
    s.resume(['r1'], 'create/resume 1');
    s.resume(['r2'], 'create/resume 2');
    t.same(s.out.slice(3), ['resume\ttrue\t1', 'resume\ttrue\t2', 'resume\ttrue\tr1+r2\tdead']);
    t.match(s.r, { status: 'done' });
  });

  t.test('inside a loaded chunk', async (t) => {
    const s = stepper(
      t,
      `
      local f = load("local u = ... local v = recv() local w = recv() return u .. v .. w")
      local keep = "k"
      print("load", f("U"), keep)
    `,
    );
    s.resume(['V'], 'loaded 1');
    s.resume(['W'], 'loaded 2');
    t.same(s.out.slice(0, 1), ['load\tUVW\tk']);
    t.match(s.r, { status: 'done' });
  });

  t.test('ops and arguments reach the host', async (t) => {
    const script = lua('local a = recv_any("x", 2) local b = wait() print(a, b)');
    const out: string[] = [];
    const inst = createInstance(script, { print: (l) => out.push(l), globals: { recv_any: suspending('recv_any'), wait: suspending('wait') } });
    const r1 = inst.run();
    t.same(r1, { status: 'suspended', op: 'recv_any', args: ['x', 2] });
    t.equal(inst.status, 'suspended');
    const r2 = inst.resume(['A']);
    t.match(r2, { status: 'suspended', op: 'wait' });
    const tbl = new LuaTable();
    tbl.setStr('k', 'v');
    const r3 = inst.resume([tbl]);
    t.same(r3, { status: 'done', values: [] });
    t.match(out[0], /^A\ttable: 0x/);
  });
});

t.test('driver: deep call chains', async (t) => {
  const src = `
    local function deep(n, acc)
      if n == 0 then local v = recv() return v, acc end
      local v, a = deep(n - 1, acc + 1)
      return v, a
    end
    print(deep(2000, 0))
  `;
  const r = drive(lua(src), ['bottom']);
  t.equal(r.suspensions, 1);
  t.equal(r.final.status, 'done');
  t.same(r.out, ['bottom\t2000']);

  const many = `
    local function deep(n)
      if n == 0 then
        local s = 0
        for i = 1, 500 do s = s + tonumber(recv()) end
        return s
      end
      local below = deep(n - 1)
      return below + 1
    end
    print(deep(2000))
  `;
  const answers = Array.from({ length: 500 }, (_, i) => String(i + 1));
  const m = drive(lua(many), answers);
  t.equal(m.suspensions, 500, 'resumed 500 times at depth 2000');
  t.equal(m.final.status, 'done');
  t.same(m.out, [String((500 * 501) / 2 + 2000)]);

  // suspensions at every level on the way down and up
  const updown = `
    local function walk(n)
      if n == 0 then return 0 end
      local a = recv()
      local r = walk(n - 1)
      local b = recv()
      return r + a + b
    end
    print(walk(300))
  `;
  const u = drive(lua(updown), Array.from({ length: 600 }, () => 1));
  t.equal(u.suspensions, 600);
  t.same(u.out, ['600']);
});

t.test('driver: C-call boundaries', async (t) => {
  t.test('coroutine.yield from a table.sort comparator', async (t) => {
    const r = drive(
      lua(`
      local co = coroutine.create(function()
        table.sort({3, 1, 2}, function(a, b) coroutine.yield() return a < b end)
      end)
      print(coroutine.resume(co))
      print(pcall(coroutine.wrap(function() table.sort({3, 1, 2}, function(a, b) coroutine.yield() return a < b end) end)))
    `),
      [],
    );
    t.equal(r.final.status, 'done');
    t.match(r.out[0], /^false\t.*attempt to yield across a C-call boundary$/);
    t.match(r.out[1], /^false\t.*attempt to yield across a C-call boundary$/);
  });

  t.test('recv from a callback of a built-in', async (t) => {
    const r = drive(lua('print(pcall(table.sort, {3, 2, 1}, function(a, b) recv() return a < b end)) print(recv())'), ['ok']);
    t.match(r.out[0], /^false\t.*attempt to (suspend \('recv'\)|yield) across a C-call boundary$/);
    t.equal(r.out[1], 'ok', 'the script goes on and can still suspend');
    t.equal(r.suspensions, 1);
  });

  t.test('a plain function calling a suspending callback', async (t) => {
    // `up` is proven plain (string.gsub is a safe built-in) but is handed recv as the callback
    const s = lua('local function up(s, cb) return (string.gsub(s, "%w", cb)) end print(pcall(up, "ab", recv)) print(recv())');
    t.equal(kind(s, 'up'), 'plain');
    const r = drive(s, ['later']);
    t.match(r.out[0], /^false\tx\.lua:1: attempt to (yield|suspend \('recv'\)) across a C-call boundary$/);
    t.equal(r.out[1], 'later');
    t.equal(r.final.status, 'done');
    // uncaught: a Lua error for the host, not a crash
    const u = drive(lua('local function up(s, cb) return (string.gsub(s, "%w", cb)) end print(up("ab", recv))'), []);
    t.equal(u.final.status, 'error');
    t.match((u.final as { message: string }).message, /across a C-call boundary/);

    // a chunk that never mentions a suspending name is all plain; a host-given suspending function
    // called from it is a clear Lua error
    const p = lua('local function f(cb) return cb() end print(pcall(f, wait)) f(wait)');
    t.equal(p.suspends, false);
    t.equal(kind(p, 'f'), 'plain');
    const w = drive(p, [], { wait: suspending('wait') });
    t.match(w.out[0], /^false\tx\.lua:1: attempt to (yield|suspend \('wait'\)) across a C-call boundary$/);
    t.equal(w.final.status, 'error');
    t.match((w.final as { message: string }).message, /^x\.lua:1: attempt to (yield|suspend \('wait'\)) across a C-call boundary$/);
  });

  t.test('coroutine.yield at the main level', async (t) => {
    const r = drive(lua('print(pcall(coroutine.yield, 1)) coroutine.yield(2)'), []);
    t.match(r.out[0], /^false\tattempt to yield from outside a coroutine$/);
    t.match(r.final, { status: 'error', message: /attempt to yield from outside a coroutine/ });
  });
});

t.test('host API misuse', async (t) => {
  const script = lua('local v = recv() print(v)');
  const done = createInstance(script, { print: () => {}, globals: { recv: suspending('recv') } });
  t.throws(() => done.resume(['x']), /cannot resume an instance that is new/, 'resume before run');
  t.match(done.run(), { status: 'suspended' });
  t.throws(() => done.run(), /already suspended/, 'run twice');
  t.match(done.resume(['x']), { status: 'done' });
  t.equal(done.status, 'done');
  t.throws(() => done.resume(['y']), /cannot resume an instance that is done/, 'resume a finished instance');

  const killed = createInstance(script, { print: () => {}, globals: { recv: suspending('recv') } });
  t.match(killed.run(), { status: 'suspended' });
  killed.kill('bye');
  t.equal(killed.status, 'dead');
  t.throws(() => killed.resume(['x']), /cannot resume an instance that is dead/, 'resume after kill');

  const errored = createInstance(lua('error("x")'), { print: () => {} });
  t.match(errored.run(), { status: 'error' });
  t.throws(() => errored.resume([]), /cannot resume/, 'resume after an error');

  const plain = createInstance(lua('return 1, 2'), { print: () => {} });
  t.same(plain.run(), { status: 'done', values: [1, 2] });
  t.throws(() => plain.resume([]), /cannot resume an instance that is done/);
});
