// The sandbox: a Lua script must never reach JavaScript. JS property names are ordinary Lua keys,
// JS globals and host facilities are absent, instances are isolated from one another, errors are Lua
// values, and no JS exception (or hang) escapes the host API for a bad script.

import t, { type Test } from 'tap';
import { Worker } from 'node:worker_threads';
import { compile } from '../compiler/index.js';
import { createInstance, suspending, tostr, LuaTable, type LuaValue, type RunResult } from '../runtime/index.js';

type Outcome = { r: RunResult | { status: 'threw'; message: string }; out: string[] };

/** Compile and run a chunk; never throws (a JS exception is reported as status 'threw'). */
function run(src: string, opts: { args?: LuaValue[]; cpuLimitMs?: number; globals?: Record<string, LuaValue> } = {}): Outcome {
  const out: string[] = [];
  try {
    const script = compile(src, { chunkName: 'x.lua' });
    const inst = createInstance(script, { print: (l) => out.push(l), ...opts });
    return { r: inst.run(), out };
  } catch (e) {
    return { r: { status: 'threw', message: String((e as Error)?.message ?? e) }, out };
  }
}

/** Printed lines of a chunk that must finish without error. */
function lines(t: Test, src: string, args?: LuaValue[]): string[] {
  const { r, out } = run(src, { args });
  t.equal(r.status, 'done', `runs to completion: ${r.status === 'done' ? '' : (r as { message: string }).message}`);
  return out;
}

type Isolated = { status: string; message?: string; cpuLimit?: boolean; out: string[] } | 'timeout';

/**
 * Run a chunk on a worker thread with a wall-clock timeout, for scripts that might hang the process
 * (a missing CPU check would otherwise stall the whole test file).
 */
function runIsolated(src: string, cpuLimitMs: number, wallMs = 10000): Promise<Isolated> {
  const code = `
    import { parentPort, workerData } from 'node:worker_threads';
    const { compile } = await import(workerData.compiler);
    const { createInstance } = await import(workerData.runtime);
    const out = [];
    let msg;
    try {
      const s = compile(workerData.src, { chunkName: 'x.lua' });
      const r = createInstance(s, { print: (l) => out.push(l), cpuLimitMs: workerData.ms }).run();
      msg = { status: r.status, message: r.message, cpuLimit: r.cpuLimit, out };
    } catch (e) {
      msg = { status: 'threw', message: String(e && e.message || e), out };
    }
    parentPort.postMessage(msg);
  `;
  // the worker runs the built code (npm test builds first): loading TypeScript in a worker is slow
  const workerData = {
    compiler: new URL('../dist/compiler/index.js', import.meta.url).href,
    runtime: new URL('../dist/runtime/index.js', import.meta.url).href,
    src,
    ms: cpuLimitMs,
  };
  return new Promise((resolve) => {
    // execArgv: [] keeps tap's TypeScript loader out of the worker (its start-up takes seconds)
    const w = new Worker(code, { eval: true, workerData, execArgv: [] } as ConstructorParameters<typeof Worker>[1]);
    const timer = setTimeout(() => {
      void w.terminate();
      resolve('timeout');
    }, wallMs);
    w.on('message', (m: Isolated) => {
      clearTimeout(timer);
      void w.terminate();
      resolve(m);
    });
    w.on('error', (e) => {
      clearTimeout(timer);
      resolve({ status: 'worker-error', message: e.message, out: [] });
    });
  });
}

const JS_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype', 'valueOf', '__defineGetter__', 'isPrototypeOf', '__lookupGetter__', 'toLocaleString', 'propertyIsEnumerable', 'length', 'call', 'apply', 'bind', 'then'];
const STRDICT_BUG = 'bug: an unset "constructor" key reads StrDict.prototype.constructor (a JS function) — runtime/value.ts StrDict';

t.test('JS property names are ordinary Lua keys', async (t) => {
  for (const K of JS_NAMES) {
    t.test(K, async (t) => {
      const out = lines(
        t,
        `
        local K = ...
        local t = {}
        print("empty", t[K] == nil, rawget(t, K) == nil, next(t) == nil, type(t[K]))
        local r = {x = 1}
        print("record", r[K] == nil, rawget(r, K) == nil, type(r[K]))
        t[K] = 5
        local k2, v2 = next(t)
        print("set", t[K], rawget(t, K), k2 == K, v2, next(t, k2) == nil)
        t[K] = "five"
        local n, seen = 0, nil
        for k, v in pairs(t) do n = n + 1 seen = k .. "=" .. v end
        print("pairs", n, seen)
        t[K] = nil
        print("cleared", t[K] == nil, rawget(t, K) == nil, next(t) == nil)
        rawset(t, K, "raw")
        print("rawset", t[K], rawget(t, K))
        local m = setmetatable({}, {__index = function(_, k) return "idx:" .. k end})
        print("index", m[K])
        local log = {}
        local w = setmetatable({}, {__newindex = function(tt, k, v) log[#log + 1] = k rawset(tt, k, v) end})
        w[K] = 1
        print("newindex", #log, log[1] == K, w[K])
        local e = {}
        print("lookup", e[K] == nil and "nil" or type(e[K]))
      `,
        [K],
      );
      t.equal(out[0], 'empty\ttrue\ttrue\ttrue\tnil', 'absent in an empty table');
      t.equal(out[1], 'record\ttrue\ttrue\tnil', 'absent in a table with other string keys');
      t.equal(out[2], 'set\t5\t5\ttrue\t5\ttrue', 'stored, read, and seen by next');
      t.equal(out[3], `pairs\t1\t${K}=five`, 'pairs yields exactly that key');
      t.equal(out[4], 'cleared\ttrue\ttrue\ttrue', 'assigning nil removes it');
      t.equal(out[5], 'rawset\traw\traw', 'rawset/rawget');
      t.equal(out[6], `index\tidx:${K}`, '__index is consulted for the absent key');
      t.equal(out[7], `newindex\t1\ttrue\t1`, '__newindex is consulted for the absent key');
      t.equal(out[8], 'lookup\tnil', 'never a JS value');
    });
  }
});

t.test('table constructors, methods and globals with JS names', async (t) => {
  const out = lines(
    t,
    `
    local t = {__proto__ = 1, constructor = 2, toString = 3, hasOwnProperty = 4, prototype = 5, valueOf = 6, __defineGetter__ = 7}
    local keys = {}
    for k, v in pairs(t) do keys[#keys + 1] = k .. "=" .. v end
    table.sort(keys)
    print(#keys, table.concat(keys, ","))
    print(t.__proto__ + t.constructor + t.toString + t.hasOwnProperty + t.prototype + t.valueOf + t.__defineGetter__)
    local b = {["__proto__"] = "a", ["constructor"] = "b"}
    print(b.__proto__, b.constructor, getmetatable(b))
    local o = {}
    function o:toString() return "custom" end
    function o.constructor(x) return x * 2 end
    function o:__proto__() return self == o end
    print(o:toString(), o.constructor(21), o:__proto__(), type(o.valueOf))
    __proto__ = "g1" constructor = "g2" toString = "g3"
    print(__proto__, constructor, toString, _G.__proto__, _ENV.constructor, rawget(_G, "toString"))
    hasOwnProperty = nil valueOf = nil
    print(hasOwnProperty, valueOf, prototype)
    local p = {}
    p.__proto__ = {polluted = true}
    print(p.polluted, ({}).polluted, p.__proto__.polluted)
    print(#{__proto__ = 1}, #setmetatable({}, {__index = {length = 5}}))
    `,
  );
  t.equal(out[0], '7\t__defineGetter__=7,__proto__=1,constructor=2,hasOwnProperty=4,prototype=5,toString=3,valueOf=6');
  t.equal(out[1], '28');
  t.equal(out[2], 'a\tb\tnil');
  t.equal(out[3], 'custom\t42\ttrue\tnil');
  t.equal(out[4], 'g1\tg2\tg3\tg1\tg2\tg3');
  t.equal(out[5], 'nil\tnil\tnil');
  t.equal(out[6], 'nil\tnil\ttrue', 'assigning __proto__ does not change any prototype');
  t.equal(out[7], '0\t0');
  t.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype untouched');
});

t.test('json round trip of JS names; decode cannot pollute prototypes', async (t) => {
  const out = lines(
    t,
    `
    local src = {__proto__ = 1, constructor = "c", toString = true, hasOwnProperty = {1, 2}, prototype = {x = 1}, valueOf = 0.5, __defineGetter__ = "g"}
    local back = json.decode(json.encode(src))
    local keys = {}
    for k, v in pairs(back) do keys[#keys + 1] = k end
    table.sort(keys)
    print(table.concat(keys, ","))
    print(back.__proto__, back.constructor, back.toString, back.hasOwnProperty[2], back.prototype.x, back.valueOf, back.__defineGetter__)
    local d = json.decode('{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}')
    print(d.polluted, d.__proto__.polluted, d.constructor.prototype.polluted, ({}).polluted, getmetatable(d))
    print(json.encode(json.decode('{"__proto__": 1}')))
    local e = json.decode('{}')
    print(e.constructor == nil, e.toString == nil, next(e))
    `,
  );
  t.equal(out[0], '__defineGetter__,__proto__,constructor,hasOwnProperty,prototype,toString,valueOf');
  t.equal(out[1], '1\tc\ttrue\t2\t1\t0.5\tg');
  t.equal(out[2], 'nil\tyes\tyes\tnil\tnil');
  t.equal(out[3], '{"__proto__":1}');
  t.equal(out[4], 'true\ttrue\tnil', 'a decoded empty object has no JS keys');
  t.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype untouched');
  t.equal((Object.prototype as Record<string, unknown>).polluted, undefined);
});

t.test('strings expose only the string library', async (t) => {
  const out = lines(
    t,
    `
    print(("x").length, ("x").__proto__, ("x").toString, ("x").charAt, ("x").valueOf, ("x").prototype)
    print(("x").constructor)
    print(("x").len == string.len, ("abc"):len(), #"abc")
    print(pcall(function() return ("x"):toString() end))
    print(pcall(function() return ("x"):constructor() end))
    print(getmetatable("").__index == string, rawequal(getmetatable("").__index, string))
    print(getmetatable("").__index.constructor, string.constructor, string.toString, string.__proto__)
    print(rawget(getmetatable(""), "constructor"), getmetatable("").__proto__, getmetatable("").__tostring)
    `,
  );
  t.equal(out[0], 'nil\tnil\tnil\tnil\tnil\tnil');
  t.equal(out[1], 'nil', '("x").constructor');
  t.equal(out[2], 'true\t3\t3');
  t.match(out[3], /^false\tx\.lua:5: attempt to call a nil value \(method 'toString'\)$/);
  t.match(out[4], /^false\tx\.lua:6: attempt to call a nil value \(method 'constructor'\)$/, 'no JS constructor to call');
  t.equal(out[5], 'true\ttrue');
  t.equal(out[6], 'nil\tnil\tnil\tnil', 'the string table has no constructor');
  t.equal(out[7], 'nil\tnil\tnil', 'the string metatable has no JS keys');
});

t.test('functions, numbers, booleans and threads cannot be indexed', async (t) => {
  const cases: [string, string][] = [
    ['print.call', 'function'],
    ['print.apply', 'function'],
    ['print.bind', 'function'],
    ['print.name', 'function'],
    ['print.length', 'function'],
    ['print.prototype', 'function'],
    ['string.format.constructor', 'function'],
    ['(function() end).constructor', 'function'],
    ['(function() end).__proto__', 'function'],
    ['load("return 1").caller', 'function'],
    ['coroutine.wrap(print).arguments', 'function'],
    ['(1).constructor', 'number'],
    ['(1.5).toFixed', 'number'],
    ['(true).valueOf', 'boolean'],
    ['(nil).__proto__', 'nil'],
    ['coroutine.create(print).constructor', 'thread'],
    ['coroutine.running().status', 'thread'],
  ];
  for (const [expr, ty] of cases) {
    const out = lines(t, `print(pcall(function() return ${expr} end))`);
    t.match(out[0], new RegExp(`^false\\tx\\.lua:1: attempt to index a ${ty} value`), expr);
  }
  const w = lines(t, 'print(pcall(function() print.call = 1 end)) print(pcall(function() local f = print f.apply = 1 end)) print(pcall(rawset, print, "x", 1))');
  t.match(w[0], /^false\tx\.lua:1: attempt to index a function value/, 'assigning a field of a function');
  t.match(w[1], /^false\tx\.lua:1: attempt to index a function value \(local 'f'\)/);
  t.match(w[2], /^false\tbad argument #1 to 'rawset' \(table expected, got function\)/);
  const m = lines(t, 'print(getmetatable(print), getmetatable(1), getmetatable(true), getmetatable(coroutine.create(print)))');
  t.equal(m[0], 'nil\tnil\tnil\tnil');
});

t.test('every value a script can obtain has a Lua type', async (t) => {
  const out = lines(
    t,
    `
    local lua_types = {["nil"] = true, boolean = true, number = true, string = true, table = true, ["function"] = true, thread = true}
    local bad, count, visited = {}, 0, {}
    local function check(v, where)
      count = count + 1
      local ty = type(v)
      if not lua_types[ty] then bad[#bad + 1] = where .. ":" .. ty return end
      local ok, s = pcall(tostring, v)
      if not ok or type(s) ~= "string" then bad[#bad + 1] = where .. ":tostring" return end
      if ty == "function" and not s:match("^function: 0x%x+$") then bad[#bad + 1] = where .. ":" .. s end
      if ty == "thread" and not s:match("^thread: 0x%x+$") then bad[#bad + 1] = where .. ":" .. s end
      if ty == "table" and getmetatable(v) == nil and not s:match("^table: 0x%x+$") then bad[#bad + 1] = where .. ":" .. s end
    end
    local function walk(v, where, depth)
      check(v, where)
      if type(v) == "table" and not visited[v] and depth < 4 then
        visited[v] = true
        for k, x in pairs(v) do
          check(k, where .. "[key]")
          walk(x, where .. "." .. tostring(k), depth + 1)
        end
        local mt = getmetatable(v)
        if mt ~= nil then walk(mt, where .. "<mt>", depth + 1) end
      end
    end
    walk(_G, "_G", 0)
    walk(getmetatable(""), "strmt", 0)
    local producers = {
      function() return coroutine.running() end,
      function() return coroutine.create(print), coroutine.wrap(print) end,
      function() return pairs({}) end,
      function() return ipairs({}) end,
      function() return string.gmatch("a", "a") end,
      function() return utf8.codes("a") end,
      function() return load("return 1"), load("syntax error here") end,
      function() return load(function() return nil end) end,
      function() return os.clock(), os.time(), os.date(), os.date("*t"), os.difftime(1, 2) end,
      function() return math.huge, -math.huge, math.pi, math.maxinteger, math.mininteger, 2^53, 2^63, -0.0, 0/0 end,
      function() return math.random(), math.random(10), math.type(1), math.type(1.0), math.tointeger(3.0) end,
      function() return table.pack(1, nil, 3), table.unpack({1, 2, 3}) end,
      function() return json.null, json.array({}), json.decode('{"a":[1,2,{"b":null}],"c":1.5,"d":true}') end,
      function() return json.decode('[]'), json.decode('"s"'), json.decode('null'), json.encode({1, 2}) end,
      function() return string.pack("i4", 1), string.unpack("i4", string.pack("i4", 7)) end,
      function() return string.find("abc", "(b)()"), string.match("k=v", "(%w)=(%w)") end,
      function() return utf8.charpattern, utf8.char(72, 228), utf8.codepoint("ab", 1, 2) end,
      function() return collectgarbage("count"), collectgarbage(), _VERSION end,
      function() return select("#"), select(-1, 1, 2) end,
      function() return next(_G) end,
      function() return getmetatable(""), getmetatable(json.null) end,
      function() return coroutine.resume(coroutine.create(function() return 1, {} end)) end,
      function() return coroutine.status(coroutine.create(print)), coroutine.isyieldable() end,
      function() return pcall(error) end,
      function() return pcall(error, {}) end,
      function() return pcall(error, 42) end,
      function() return pcall(string.rep) end,
      function() return pcall(function() local x return x.y end) end,
      function() return pcall(function() return {} + 1 end) end,
      function() return pcall(function() return #print end) end,
      function() return pcall(function() local function f() return f() + 1 end return f() end) end,
      function() return pcall(setmetatable, {}, 1) end,
      function() return pcall(json.decode, "{bad") end,
      function() return pcall(json.encode, print) end,
      function() return pcall(string.format, "%d", "x") end,
      function() return pcall(coroutine.yield) end,
      function() return pcall(rawset, json.null, 1, 1) end,
      function() return xpcall(error, function(m) return m end, "e") end,
      function() return coroutine.close(coroutine.create(print)) end,
    }
    for i, p in ipairs(producers) do
      local r = table.pack(pcall(p))
      for j = 1, r.n do walk(r[j], "producer" .. i .. "#" .. j, 0) end
    end
    print(count > 300, #bad, table.concat(bad, " "))
    print(tostring(print) ~= tostring(type), tostring({}) ~= tostring({}))
    print(tostring(print):match("^function: 0x%x+$") ~= nil, tostring({}):match("^table: 0x%x+$") ~= nil, tostring(function() end):match("^function: 0x%x+$") ~= nil)
    print(tostring(coroutine.create(print)):match("^thread: 0x%x+$") ~= nil, tostring(json.null))
    `,
  );
  t.equal(out[0], 'true\t0\t', 'no value of a non-Lua type, and tostring works on all');
  t.equal(out[1], 'true\ttrue', 'distinct objects have distinct addresses');
  t.equal(out[2], 'true\ttrue\ttrue');
  t.equal(out[3], 'true\tnull');
});

t.test('no JS globals, no host facilities', async (t) => {
  const names = ['this', 'globalThis', 'window', 'self', 'global', 'process', 'require', 'module', 'exports', 'Function', 'eval', 'Buffer', 'setTimeout', 'import', 'io', 'debug', 'package', 'dofile', 'loadfile', 'loadstring', 'arguments', 'Object', 'Reflect', 'Proxy', 'WebAssembly', 'ENV', 'rt', 'B', 'budget', 'LuaTable', 'mkG', 'callG'];
  for (const n of names) {
    const isKeyword = n === 'this' || n === 'import' ? false : true;
    const out = lines(t, `print(load("return ${n}")(), _G[${JSON.stringify(n)}], _ENV[${JSON.stringify(n)}]${isKeyword ? `, ${n}` : ''})`);
    t.match(out[0], /^nil(\tnil)*$/, `${n} is nil`);
  }
  const os = lines(t, 'print(os.execute, os.exit, os.remove, os.rename, os.tmpname, os.setlocale) print(type(os.time), type(os.clock), type(os.date)) print(os.getenv("PATH"), os.getenv("HOME"))');
  t.equal(os[0], 'nil\tnil\tnil\tnil\tnil\tnil');
  t.equal(os[1], 'function\tfunction\tfunction');
  t.equal(os[2], 'nil\tnil', 'os.getenv sees no host environment');
  const f = lines(t, 'print(pcall(load, "return this.constructor")) print(load("return (function() return this end)()")())');
  t.match(f[0], /^true\tfunction: 0x/, 'load compiles `this` as a Lua global name');
  t.equal(f[1], 'nil');
  const loaded = lines(t, 'local f = load("x = 1 return _ENV") local e = f() print(e == _G, x) local g = load("return y", "c", "t", {y = 5}) print(g())');
  t.equal(loaded[0], 'true\t1', 'a loaded chunk sees only the Lua globals');
  t.equal(loaded[1], '5', 'a custom env is honoured');
  const bin = lines(t, 'print(load("\\27Lua")) print(load("return 1", "c", "b"))');
  t.match(bin[0], /^nil\t.*binary/, 'a forged binary chunk is refused');
  t.equal(bin[1], "nil\tattempt to load a text chunk (mode is 'b')");
});

t.test('string.dump: built-ins cannot be dumped; a Lua function dumps to Lua only', async (t) => {
  // README: string.dump of a Lua function returns a "binary chunk" carrying its Lua source; built-ins error
  const out = lines(t, 'print(pcall(string.dump, print)) print(pcall(string.dump, string.format)) print(pcall(string.dump, coroutine.wrap(print))) print(pcall(string.dump, load))');
  t.equal(out.length, 4);
  for (const l of out) t.match(l, /^false\t.*unable to dump given function$/);
  const { r } = run('string.dump(pcall)');
  t.equal(r.status, 'error');
  t.match((r as { message: string }).message, /unable to dump given function/);
  const lua = lines(
    t,
    `
    local function add(a, b) return a + b end
    local d = string.dump(add)
    print(type(d), d:sub(1, 4) == "\\27Lua", d:find("function", 1, true) ~= nil, d:find("=>", 1, true) == nil, d:find("mkG", 1, true) == nil)
    local f = load(d, "dumped", "b")
    print(type(f), f(2, 3), load(d, "dumped", "t"))
    local g = load(string.dump(function() return this, globalThis, process end))
    print(g())
    `,
  );
  t.equal(lua[0], 'string\ttrue\ttrue\ttrue\ttrue', 'a dump holds Lua text, not JavaScript');
  t.match(lua[1], /^function\t5\tnil\tattempt to load a binary chunk \(mode is 't'\)$/);
  t.equal(lua[2], 'nil\tnil\tnil', 'a reloaded dump reaches no JS either');
});

t.test('instances are isolated', async (t) => {
  const script = compile(
    `
    local who = ...
    if who == "A" then
      string.upper = nil
      string.shout = function(s) return s .. "!" end
      getmetatable("").__index.lower = function() return "hacked" end
      X = "from A"
      _G.print = function() end
      math.pi = 3
      table.insert = nil
      json.encode = nil
      local msg = recv()
      io_write(("a"):shout(), tostring(string.upper), ("A"):lower(), math.pi)
    else
      io_write(string.upper("q"), ("q"):upper(), tostring(X), tostring(string.shout), ("Q"):lower(), math.pi, type(table.insert), json.encode({1}))
      io_write(pcall(function() return ("q"):shout() end))
    end
    print("print still works for", who)
  `,
    { chunkName: 'iso.lua' },
  );
  const outA: string[] = [];
  const outB: string[] = [];
  const mk = (who: string, out: string[]) =>
    createInstance(script, {
      print: (l) => out.push('print ' + l),
      args: [who],
      globals: { recv: suspending('recv'), io_write: (...a: LuaValue[]) => void out.push(a.map((v) => tostr(v)).join('\t')) },
    });
  const a = mk('A', outA);
  const b = mk('B', outB);
  const ra = a.run();
  t.equal(ra.status, 'suspended', 'A suspends after modifying its globals');
  const rb = b.run();
  t.equal(rb.status, 'done');
  t.equal(outB[0], 'Q\tQ\tnil\tnil\tq\t3.1415926535898\tfunction\t[1]', "B sees none of A's changes");
  t.match(outB[1], /^false\tiso\.lua:\d+: attempt to call a nil value \(method 'shout'\)$/);
  t.equal(outB[2], 'print print still works for\tB');
  const ra2 = a.resume(['m']);
  t.equal(ra2.status, 'done');
  t.equal(outA[0], 'a!\tnil\thacked\t3', "A still sees its own string table after B ran in between");
  t.equal(outA.length, 1, "A's print was replaced by its own no-op");
  // the process-wide library prototypes are untouched: a third instance is pristine
  const c = createInstance(compile('print(type(string.upper), string.shout, math.pi, X)'), { print: (l) => outB.push(l) });
  t.equal(c.run().status, 'done');
  t.equal(outB[3], 'function\tnil\t3.1415926535898\tnil');
  const g = createInstance(compile('print(x)'), { print: () => {}, globals: { x: 1 } });
  t.not(g.env, a.env, 'each instance has its own _ENV');
});

t.test('json.null is shared but immutable; modifying it is a Lua error', async (t) => {
  const out = lines(t, 'print(pcall(function() json.null.x = 1 end)) print(pcall(setmetatable, json.null, {}))');
  t.match(out[0], /^false\t.*attempt to modify json\.null/);
  t.match(out[1], /^false\t.*cannot change a protected metatable/);
  const raw = lines(t, 'print(pcall(rawset, json.null, "x", 1)) print(pcall(rawset, json.null, 1, 1)) print(rawget(json.null, "x"), rawget(json.null, 1), next(json.null))');
  t.equal(raw[2], 'nil\tnil\tnil', 'json.null stays empty');
  const jsText = /Cannot|read only|not extensible|property/;
  t.notMatch(raw[0], jsText, 'rawset(json.null, "x", 1) fails with a Lua message, not a JS TypeError text');
  t.notMatch(raw[1], jsText, 'rawset(json.null, 1, 1) likewise');
  const { r } = run('rawset(json.null, "x", 1)');
  t.equal(r.status, 'error', 'uncaught rawset on json.null: status error, not a JS exception');
});

t.test('errors are Lua values', async (t) => {
  const out = lines(
    t,
    `
    local e = {code = 7}
    local ok, got = pcall(error, e) print(ok, got == e, got.code)
    ok, got = pcall(function() local x = {} error(e) end) print(ok, rawequal(got, e))
    ok, got = pcall(function() error(e, 2) end) print(ok, got == e)
    ok, got = pcall(error, 42) print(ok, got, math.type(got))
    ok, got = pcall(error, print) print(ok, got == print)
    ok, got = pcall(error) print(ok, got, select("#", pcall(error)))
    ok, got = pcall(error, true) print(ok, got)
    print(xpcall(function() error(e) end, function(m) return m == e end))
    print(coroutine.resume(coroutine.create(function() error(e) end)) == false, select(2, coroutine.resume(coroutine.create(function() error(e) end))) == e)
    local obj = setmetatable({}, {__index = function() error(e) end})
    ok, got = pcall(function() return obj.x end) print(ok, got == e)
    ok, got = pcall(table.sort, {3, 2, 1}, function() error(e) end) print(ok, got == e)
    ok, got = pcall(string.gsub, "abc", "%w", function() error(e) end) print(ok, got == e)
    ok, got = pcall(function() local t = setmetatable({}, {__add = function() error(e) end}) return t + 1 end) print(ok, got == e)
    ok, got = pcall(function() local x = nil return x.y end) print(ok, type(got), got)
    `,
  );
  t.equal(out[0], 'false\ttrue\t7');
  t.equal(out[1], 'false\ttrue');
  t.equal(out[2], 'false\ttrue');
  t.equal(out[3], 'false\t42\tinteger');
  t.equal(out[4], 'false\ttrue');
  t.equal(out[5], 'false\tnil\t2');
  t.equal(out[6], 'false\ttrue');
  t.equal(out[7], 'false\ttrue');
  t.equal(out[8], 'true\ttrue');
  t.equal(out[9], 'false\ttrue');
  t.equal(out[10], 'false\ttrue');
  t.equal(out[11], 'false\ttrue');
  t.equal(out[12], 'false\ttrue');
  t.equal(out[13], "false\tstring\tx.lua:17: attempt to index a nil value (local 'x')");
  // uncaught: the host gets the Lua value itself
  const e = run('error({code = 9})');
  t.equal(e.r.status, 'error');
  if (e.r.status === 'error') {
    t.ok(e.r.error.value instanceof LuaTable, 'the error object is the Lua table');
    t.equal((e.r.error.value as LuaTable).get('code'), 9);
    t.equal(e.r.message, '(error object is a table value)');
    t.equal(e.r.cpuLimit, false);
  }
  const s = run('local x = 1\nerror("plain " .. x)');
  t.equal(s.r.status === 'error' && s.r.message, 'x.lua:2: plain 1');
  const ts = run('error(setmetatable({}, {__tostring = function() return "custom!" end}))');
  t.equal(ts.r.status === 'error' && ts.r.message, 'custom!');
});

t.test('no JS exception escapes run() for a bad script', async (t) => {
  const deep = run('local function f(n) return 1 + f(n + 1) end f(1)');
  t.equal(deep.r.status, 'error', 'deep recursion is a Lua error');
  t.match((deep.r as { message: string }).message, /stack overflow/);
  t.match((deep.r as { message: string }).message, /^x\.lua:1: stack overflow/, 'the position is the recursing line');
  const caught = lines(t, 'local function f() return 1 + f() end print(pcall(f)) print("alive", select("#", pcall(f)))');
  t.match(caught[0], /^false\t.*stack overflow/, 'stack overflow is catchable');
  t.equal(caught[1], 'alive\t2');
  const meta = run('local t = setmetatable({}, {}) getmetatable(t).__index = function(s, k) return s[k] end print(t.x)');
  t.equal(meta.r.status, 'error');
  t.match((meta.r as { message: string }).message, /stack overflow/, '__index recursion: C stack overflow');
  const cases: [string, RegExp][] = [
    ['local t = {} t[nil] = 1', /table index is nil/],
    ['local t = {} t[0/0] = 1', /table index is NaN/],
    ['return #print', /attempt to get length of a function value/],
    ['return {} < {}', /attempt to compare two table values/],
    ['return ("x"):rep(1e10)', /resulting string too large|not enough memory/],
    ['local co co = coroutine.wrap(function() co() end) co()', /cannot resume non-suspended coroutine/],
    ['return string.char(table.unpack({}, 1, 300000))', /stack overflow|too many results/],
    ['return table.unpack({}, 1, 1e8)', /too many results to unpack/],
    ['return load(string.rep("(", 100000) .. "1" .. string.rep(")", 100000))', /stack overflow|too many|overflow/],
    ['return json.decode(string.rep("[", 100000))', /nesting too deep/],
    ['for i = 1, 10, 0 do end', /'for' step is zero/],
    ['return 1 // 0', /attempt to divide by zero/],
    ['return 1 % 0', /attempt to perform 'n%0'/],
  ];
  for (const [src, re] of cases) {
    const o = run(src);
    t.equal(o.r.status, 'error', src);
    t.match((o.r as { message: string }).message, re, src);
  }
  // strings beyond V8's limit (README: "not enough memory"); ropes keep this cheap
  const big = run('local s = "x" for i = 1, 40 do s = s .. s end');
  t.equal(big.r.status, 'error', 'a string over the JS limit through `..` is a Lua error');
  const bigc = lines(t, 'local s = "x" for i = 1, 28 do s = s .. s end print(pcall(table.concat, {s, s, s})) print(pcall(function() return s .. s .. s end))');
  t.match(bigc[0], /^false\t.*not enough memory/, 'table.concat over the limit');
  t.match(bigc[1], /^false\t.*not enough memory/, '.. over the limit');
  // a parameterless function whose last statement is a tail call to itself
  const tail0 = run('local function f() return f() end print("compiled")');
  t.equal(tail0.r.status, 'done', 'compiles to valid JavaScript');
  t.same(tail0.out, ['compiled'], '');
});

t.test('the CPU limit stops runaway scripts and pcall cannot catch it', async (t) => {
  const loops = [
    'while true do end',
    'repeat until false',
    'for i = 1, math.huge do end',
    'local i = 0 while true do i = i + 1 end',
    'print(pcall(function() while true do end end)) print("after")',
    'print(xpcall(function() while true do end end, function(m) print("handler", m) return m end))',
    'print(coroutine.resume(coroutine.create(function() while true do end end)))',
    'local co = coroutine.wrap(function() while true do coroutine.yield() end end) while true do co() end',
    'local t = setmetatable({}, {__index = function() while true do end end}) print(pcall(function() return t.x end))',
    'print(pcall(table.sort, {3, 2, 1}, function(a, b) while true do end end))',
    'print(pcall(string.gsub, "abc", "%w", function() while true do end end))',
    'local function f(n) if n > 0 then return f(n - 1) + 1 end return 0 end while true do f(100) end',
    'print(pcall(load("while true do end")))',
    'error(setmetatable({}, {__tostring = function() while true do end end}))',
  ];
  for (const src of loops) {
    const o = run(src, { cpuLimitMs: 50 });
    t.equal(o.r.status, 'error', src);
    if (o.r.status === 'error') {
      if (src.startsWith('error(')) {
        t.equal(o.r.message, '(error object is a table value)', 'a looping __tostring of the uncaught error is cut off');
        continue;
      }
      t.equal(o.r.message, 'CPU time limit exceeded', src);
      t.equal(o.r.cpuLimit, true);
    }
    t.same(o.out, [], 'nothing printed: pcall/xpcall/resume did not catch the limit');
  }
  // the limit is per slice and the instance is dead after it
  const script = compile('local n = 0 while true do n = n + 1 end');
  const inst = createInstance(script, { print: () => {}, cpuLimitMs: 30 });
  t.equal(inst.run().status, 'error');
  t.equal(inst.status, 'dead');
  t.throws(() => inst.resume([]), /cannot resume/);
  // a well-behaved script under the same limit is unaffected
  const ok = run('local s = 0 for i = 1, 1000 do s = s + i end print(s)', { cpuLimitMs: 5000 });
  t.equal(ok.r.status, 'done');
  t.same(ok.out, ['500500']);
});

t.test('loops without a loop statement are CPU-limited too (run on a worker)', async (t) => {
  const cases = [
    '::top:: goto top',
    'print(pcall(function() ::a:: goto a end))',
    'local x = 0 ::top:: x = x + 1 if x > 0 then goto top end',
    'local function f(n) return f(n) end f(1)',
    'local function f(n) return f(n + 1) end print(pcall(f, 1))',
  ];
  const results = await Promise.all(cases.map((src) => runIsolated(src, 50, 8000)));
  for (const [i, src] of cases.entries()) {
    const r = results[i];
    t.not(r, 'timeout', `${src}: stops`);
    if (r !== 'timeout') {
      t.equal(r.status, 'error', src);
      t.equal(r.message, 'CPU time limit exceeded', src);
      t.equal(r.cpuLimit, true, src);
      t.same(r.out, [], src);
    }
  }
  // sanity check of the worker harness itself
  const sane = await runIsolated('while true do end', 50, 8000);
  t.match(sane, { status: 'error', message: 'CPU time limit exceeded', cpuLimit: true, out: [] }, 'harness: while loop stops');
  const sane2 = await runIsolated('print(1 + 1)', 50, 8000);
  t.match(sane2, { status: 'done', out: ['2'] }, 'harness: plain run');
});

t.test('instances sharing one set of libraries: shared library tables, globals of their own', async (t) => {
  const { createLibraries } = await import('../runtime/index.js');
  const libs = createLibraries();
  const run = (src: string, out: string[]): RunResult =>
    createInstance(compile(src, { chunkName: 'g.lua' }), { print: (l) => out.push(l), libraries: libs, globals: { host: 1 } }).run();
  const a: string[] = [];
  run('x = 1; print = nil; string.shared = "yes"; _G.y = 2; setmetatable(_G, {__index = function(_, k) return "meta " .. k end})', a);
  const b: string[] = [];
  const r = run('print(x, y, string.shared, host, _G == _ENV, type(load), type(print), z); local n = 0; for k in pairs(_G) do n = n + 1 end; print(n >= 25)', b);
  t.equal(r.status, 'done');
  t.same(b, ['nil\tnil\tyes\t1\ttrue\tfunction\tfunction\tnil', 'true'], "another instance's globals, print and metatable are not seen; the library tables are shared");
  const c: string[] = [];
  run('_G.print = nil; local ok, e = pcall(function() print("x") end); _G.p2 = ok; rawset(_G, "print", nil); io = rawget(_G, "print")', c);
  const d: string[] = [];
  run('print(rawget(_G, "print") ~= nil, p2, io)', d);
  t.same(d, ['true\tnil\tnil']);
});
