import t from 'tap';
import {
  JSON_NULL,
  formatFloat,
  isArrayMarked,
  jsToLua,
  jsonToLua,
  luaToJs,
  luaToJson,
  markArray,
  openJson,
} from '../runtime/lib/json.js';
import { LFloat, LuaError, LuaTable, fromText, toText, type LuaValue } from '../runtime/value.js';
import { tostr } from '../runtime/ops.js';

const G = new LuaTable();
const json = openJson(G);
const encode = json.s.encode as (v: LuaValue, o?: LuaValue) => string;
const decode = json.s.decode as (s: LuaValue, o?: LuaValue) => LuaValue;
const array = json.s.array as (t?: LuaValue) => LuaValue;

/** A Lua table from a JS description: arrays give the array part (unmarked), objects give string keys. */
function tbl(arr: LuaValue[] = [], str: Record<string, LuaValue> = {}, hash: [LuaValue, LuaValue][] = []): LuaTable {
  const x = new LuaTable();
  arr.forEach((v, i) => x.set(i + 1, v));
  for (const k of Object.keys(str)) x.setStr(k, str[k]);
  for (const [k, v] of hash) x.set(k, v);
  return x;
}

function errOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof LuaError) return String(e.value);
    throw e;
  }
  throw new Error('no error raised');
}

const rt = (s: string) => encode(decode(s));

t.test('registration', async (t) => {
  t.equal(G.s.json, json);
  t.equal(json.s.null, JSON_NULL);
  t.type(encode, 'function');
});

t.test('scalars', async (t) => {
  t.equal(encode(undefined), 'null');
  t.equal(encode(true), 'true');
  t.equal(encode(false), 'false');
  t.equal(encode('hi'), '"hi"');
  t.equal(encode(''), '""');
  t.equal(encode(0), '0');
  t.equal(encode(-0), '0');
  t.equal(encode(42), '42');
  t.equal(encode(-7), '-7');
  t.equal(encode(JSON_NULL), 'null');
  t.equal(decode('null'), undefined);
  t.equal(decode('true'), true);
  t.equal(decode(' false '), false);
  t.equal(decode('"x"'), 'x');
  t.equal(decode('\t\r\n 12 \n'), 12);
});

t.test('integers and floats keep their subtype', async (t) => {
  t.equal(decode('3'), 3);
  t.same(decode('3.0'), new LFloat(3));
  t.ok(decode('3.0') instanceof LFloat);
  t.same(decode('1e2'), new LFloat(100));
  t.same(decode('1E+2'), new LFloat(100));
  t.equal(decode('2.5e-3'), 0.0025);
  t.equal(decode('-0'), 0);
  t.ok(Object.is(decode('-0'), 0));
  t.ok(Object.is((decode('-0.0') as LFloat).n, -0));
  t.equal(decode('0.5'), 0.5);
  t.equal(decode('-12'), -12);
  t.equal(encode(new LFloat(3)), '3.0');
  t.equal(encode(new LFloat(-0)), '-0.0');
  t.equal(encode(0.1), '0.1');
  t.equal(encode(1.5e-7), '1.5e-7');
  t.equal(encode(new LFloat(1e300)), '1e300');
  t.equal(encode(-2.5), '-2.5');
  for (const s of ['3', '3.0', '-3.0', '0.1', '1e300', '1.5e-7', '-0.0', '123.456', '1e16', '9007199254740991']) {
    t.equal(rt(s), s, `round trip ${s}`);
  }
});

t.test('float format (serde_json / ryu layout)', async (t) => {
  const cases: [number, string][] = [
    [0, '0.0'],
    [-0, '-0.0'],
    [1, '1.0'],
    [0.1, '0.1'],
    [1 / 3, '0.3333333333333333'],
    [1e15, '1000000000000000.0'],
    [9007199254740992, '9007199254740992.0'],
    [1e16, '1e16'],
    [1.2345678901234568e20, '1.2345678901234568e20'],
    [1e21, '1e21'],
    [1e300, '1e300'],
    [-1e300, '-1e300'],
    [1.7976931348623157e308, '1.7976931348623157e308'],
    [5e-324, '5e-324'],
    [0.0001, '0.0001'],
    [0.0000123, '0.0000123'],
    [0.00001, '0.00001'],
    [0.00000123, '1.23e-6'],
    [-0.00000123, '-1.23e-6'],
    [0.000001, '1e-6'],
    [1.5e-7, '1.5e-7'],
    [123.456, '123.456'],
    [1712345678.123, '1712345678.123'],
  ];
  for (const [x, s] of cases) {
    t.equal(formatFloat(x), s, `${x}`);
    t.equal(Number(s), x, `${s} round-trips`);
  }
  // random doubles round-trip through the text
  let seed = 12345;
  const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  for (let i = 0; i < 2000; i++) {
    const x = (rnd() - 0.5) * Math.pow(10, Math.floor(rnd() * 40) - 20);
    const s = formatFloat(x);
    t.equal(Number(s), x, `round trip ${s}`);
    const back = decode(s);
    t.equal(back instanceof LFloat ? back.n : back, x);
  }
});

t.test('big integers', async (t) => {
  t.equal(decode('9007199254740991'), 9007199254740991);
  t.equal(decode('9007199254740992'), 9007199254740992n);
  t.equal(decode('-9007199254740993'), -9007199254740993n);
  t.equal(decode('9223372036854775807'), 9223372036854775807n);
  t.equal(decode('-9223372036854775808'), -9223372036854775808n);
  t.equal(decode('123456789012345'), 123456789012345);
  t.equal(decode('1234567890123456'), 1234567890123456);
  t.equal(decode('0000'.length ? '100000000000000000' : ''), 100000000000000000n);
  // beyond int64: a float
  t.same(decode('9223372036854775808'), new LFloat(9223372036854775808));
  t.same(decode('-9223372036854775809'), new LFloat(-9223372036854775808));
  t.same(decode('123456789012345678901234567890'), new LFloat(1.2345678901234568e29));
  t.equal(encode(9223372036854775807n), '9223372036854775807');
  t.equal(encode(-9223372036854775808n), '-9223372036854775808');
  t.equal(rt('[9223372036854775807,-9223372036854775808,9007199254740993]'), '[9223372036854775807,-9223372036854775808,9007199254740993]');
  t.equal(rt('12345678901234567890'), '1.2345678901234567e19');
});

t.test('arrays vs objects', async (t) => {
  t.equal(encode(tbl([1, 2, 3])), '[1,2,3]');
  t.equal(encode(tbl(['a'])), '["a"]');
  t.equal(encode(tbl([], { a: 1 })), '{"a":1}');
  t.equal(encode(tbl([1, 2], { x: true })), '{"1":1,"2":2,"x":true}');
  // sparse: object form
  t.equal(encode(tbl([1, undefined, 3])), '{"1":1,"3":3}');
  t.equal(encode(tbl([], {}, [[5, 'five']])), '{"5":"five"}');
  t.equal(encode(tbl([1], {}, [[3, 'c']])), '{"1":1,"3":"c"}');
  t.equal(encode(tbl([1], {}, [[0, 'z'], [-2, 'm'], [10, 't']])), '{"-2":"m","0":"z","1":1,"10":"t"}');
  t.equal(encode(tbl([], {}, [[9007199254740993n, 1]])), '{"9007199254740993":1}');
  // nested
  t.equal(encode(tbl([tbl([1, 2]), tbl([], { a: tbl([]) })])), '[[1,2],{"a":{}}]');
  // order: array indices, then string keys in insertion order
  const o = tbl([10, 20], {});
  o.setStr('zeta', 1);
  o.setStr('alpha', 2);
  o.setStr('mid', 3);
  t.equal(encode(o), '{"1":10,"2":20,"zeta":1,"alpha":2,"mid":3}');
  // a metatable with __name does not matter
  const named = tbl([1, 2]);
  named.mt = tbl([], { __name: 'Thing' });
  t.equal(encode(named), '[1,2]');
  // deleted keys are not written
  const d = tbl([], { a: 1, b: 2 });
  d.setStr('a', undefined);
  t.equal(encode(d), '{"b":2}');
  const e = tbl([], { a: 1 });
  e.setStr('a', undefined);
  t.equal(encode(e), '{}');
  // json.null inside tables
  t.equal(encode(tbl([1, JSON_NULL, 3])), '[1,null,3]');
  t.equal(encode(tbl([], { a: JSON_NULL })), '{"a":null}');
  // strings: keys escaped like values
  t.equal(encode(tbl([], { 'a"b': 1 })), '{"a\\"b":1}');
});

t.test('empty tables and array marks', async (t) => {
  t.equal(encode(new LuaTable()), '{}');
  const a = array();
  t.ok(a instanceof LuaTable);
  t.equal(encode(a), '[]');
  const b = new LuaTable();
  t.equal(array(b), b);
  t.ok(isArrayMarked(b));
  t.equal(encode(b), '[]');
  t.equal(rt('[]'), '[]');
  t.equal(rt('{}'), '{}');
  t.equal(rt('[[],{},[{}]]'), '[[],{},[{}]]');
  t.equal(rt('{"a":[],"b":{}}'), '{"a":[],"b":{}}');
  t.equal(rt('[1,null,3]'), '[1,null,3]');
  t.equal(rt('[null,null,1]'), '[null,null,1]');
  t.equal(rt('[1,null]'), '[1]'); // trailing nils are not kept
  t.equal(rt('[null]'), '[]');
  // decoded array that gains a string key becomes an object
  const x = decode('[1,2]') as LuaTable;
  x.setStr('k', 'v');
  t.equal(encode(x), '{"1":1,"2":2,"k":"v"}');
  // decoded array extended past a hole: nulls fill
  const y = decode('[1]') as LuaTable;
  y.set(4, 4);
  t.equal(encode(y), '[1,null,null,4]');
  // ... unless hopelessly sparse
  const z = decode('[1]') as LuaTable;
  z.set(1000, 4);
  t.equal(encode(z), '{"1":1,"1000":4}');
  markArray(tbl([1, 2]));
  t.equal(errOf(() => array(5)), "bad argument #1 to 'array' (table expected, got number)");
  t.equal(errOf(() => array(JSON_NULL)), "bad argument #1 to 'array' (table expected, got json.null)");
});

t.test('objects decode to string keys', async (t) => {
  const o = decode('{"a":1,"1":2,"b":{"c":[true,false]},"n":null}') as LuaTable;
  t.equal(o.get('a'), 1);
  t.equal(o.get('1'), 2);
  t.equal(o.get(1), undefined);
  t.equal(o.get('n'), undefined);
  t.notOk('n' in o.s);
  t.equal(((o.get('b') as LuaTable).get('c') as LuaTable).get(2), false);
  t.notOk(isArrayMarked(o));
  t.ok(isArrayMarked((o.get('b') as LuaTable).get('c')));
  // duplicates: the last wins, also when it is null
  t.equal((decode('{"a":1,"a":2}') as LuaTable).get('a'), 2);
  t.equal((decode('{"a":1,"a":null}') as LuaTable).get('a'), undefined);
  t.equal(encode(decode('{"a":1,"a":null,"b":2}')), '{"b":2}');
  // __proto__ is an ordinary key
  const p = decode('{"__proto__":1,"constructor":2}') as LuaTable;
  t.equal(p.get('__proto__'), 1);
  t.equal(p.get('constructor'), 2);
  t.equal(encode(p), '{"__proto__":1,"constructor":2}');
  t.equal(decode('{"x":1}', tbl()) instanceof LuaTable, true);
  // arrays: holes for null
  const a = decode('[1,null,3]') as LuaTable;
  t.equal(a.length(), 3);
  t.equal(a.get(2), undefined);
});

t.test('null option', async (t) => {
  const opts = tbl([], { null: JSON_NULL });
  const a = decode('[1,null,3]', opts) as LuaTable;
  t.equal(a.get(2), JSON_NULL);
  const o = decode('{"a":null}', opts) as LuaTable;
  t.equal(o.get('a'), JSON_NULL);
  t.equal(decode('null', opts), JSON_NULL);
  t.equal(encode(o), '{"a":null}');
  t.equal(encode(a), '[1,null,3]');
  t.equal(decode('null', tbl([], { null: 'NULL' })), 'NULL');
  t.equal(jsonToLua('[null]', { null: JSON_NULL }).get(1), JSON_NULL);
});

t.test('json.null sentinel', async (t) => {
  t.ok(JSON_NULL instanceof LuaTable);
  t.equal(tostr(JSON_NULL), 'null');
  t.equal(JSON_NULL.mt!.get('__name'), 'json.null');
  t.throws(() => JSON_NULL.setStr('x', 1));
  t.throws(() => JSON_NULL.set(1, 1));
  t.throws(() => JSON_NULL.set(true, 1));
  t.throws(() => {
    JSON_NULL.mt = undefined;
  });
  t.equal(JSON_NULL.next(undefined), undefined);
  t.equal(JSON_NULL.length(), 0);
  t.equal(errOf(() => (JSON_NULL.mt!.get('__newindex') as Function)(JSON_NULL, 'x', 1)), 'attempt to modify json.null');
});

t.test('strings, escapes and UTF-8', async (t) => {
  t.equal(encode('a"b\\c/d'), '"a\\"b\\\\c/d"');
  t.equal(encode('\n\r\t\b\f'), '"\\n\\r\\t\\b\\f"');
  t.equal(encode('\x00\x01\x1f\x7f'), '"\\u0000\\u0001\\u001f\x7f"');
  const utf = fromText('héllo wörld ✓ 😀');
  t.equal(encode(utf), '"' + utf + '"');
  t.equal(decode(encode(utf)), utf);
  t.equal(toText(encode(fromText('日本語\n'))), '"日本語\\n"');
  // escapes decode to UTF-8 bytes
  t.equal(decode('"\\u00e9"'), fromText('é'));
  t.equal(decode('"\\u00E9"'), fromText('é'));
  t.equal(decode('"\\u0041\\u0000"'), 'A\x00');
  t.equal(decode('"\\u20ac"'), fromText('€'));
  t.equal(decode('"\\ud83d\\ude00"'), fromText('😀'));
  t.equal(decode('"\\uD83D\\uDE00x"'), fromText('😀x'));
  t.equal(decode('"\\"\\\\\\/\\b\\f\\n\\r\\t"'), '"\\/\b\f\n\r\t');
  // lone surrogates → U+FFFD
  const R = fromText('\ufffd');
  t.equal(decode('"\\ud83d"'), R);
  t.equal(decode('"\\ud83dx"'), R + 'x');
  t.equal(decode('"\\ude00"'), R);
  t.equal(decode('"\\ud83d\\u0041"'), R + 'A');
  t.equal(decode('"\\ud83d\\ud83d\\ude00"'), R + fromText('😀'));
  // raw UTF-8 passes through (and is validated)
  t.equal(decode('"' + utf + '"'), utf);
  t.equal(decode(fromText('{"ключ":"значение"}')).get(fromText('ключ')), fromText('значение'));
  t.equal(encode(decode(fromText('{"ключ":"значение"}'))), fromText('{"ключ":"значение"}'));
  // mixed escapes and raw UTF-8
  t.equal(decode(fromText('"é\\n€"')), fromText('é\n€'));
  // DEL and 0x7f pass
  t.equal(decode('"\x7f"'), '\x7f');
  // long strings with an escape at the end
  const long = 'x'.repeat(1000);
  t.equal(decode('"' + long + '\\n"'), long + '\n');
  t.equal(encode(long + '\n'), '"' + long + '\\n"');
});

t.test('invalid UTF-8 on encode', async (t) => {
  const msg = 'json.encode: invalid UTF-8 in string';
  for (const bad of ['\xff', '\xc3', 'a\xc3(', '\xc0\x80', '\xe0\x80\x80', '\xed\xa0\x80', '\xf4\x90\x80\x80', '\xf0\x9f\x98', '\x80', 'ĀA']) {
    t.equal(errOf(() => encode(bad)), msg, JSON.stringify(bad));
  }
  t.equal(errOf(() => encode(tbl([], { ['\xff']: 1 }))), msg);
  t.equal(encode('\xef\xbf\xbd\xf4\x8f\xbf\xbf\xed\x9f\xbf'), '"\xef\xbf\xbd\xf4\x8f\xbf\xbf\xed\x9f\xbf"');
});

t.test('encode errors', async (t) => {
  t.equal(errOf(() => encode(NaN)), 'json.encode: cannot encode NaN/inf');
  t.equal(errOf(() => encode(Infinity)), 'json.encode: cannot encode NaN/inf');
  t.equal(errOf(() => encode(tbl([-Infinity]))), 'json.encode: cannot encode NaN/inf');
  t.equal(errOf(() => encode(() => 1)), 'json.encode: cannot encode function');
  t.equal(errOf(() => encode(tbl([], { f: () => 1 }))), 'json.encode: cannot encode function');
  t.equal(errOf(() => encode({ isCoroutine: true })), 'json.encode: cannot encode thread');
  t.equal(errOf(() => encode(new Date())), 'json.encode: cannot encode userdata');
  const kmsg = 'json.encode: keys must be strings or integers';
  t.equal(errOf(() => encode(tbl([], {}, [[1.5, 1]]))), kmsg);
  t.equal(errOf(() => encode(tbl([], {}, [[true, 1]]))), kmsg);
  t.equal(errOf(() => encode(tbl([1], { a: 1 }, [[tbl(), 1]]))), kmsg);
  const fk = new LuaTable();
  fk.h = new Map([[new LFloat(1e300), 1]]); // how value.ts keys an integral float beyond int64
  t.equal(errOf(() => encode(fk)), kmsg);
  // cycles
  const c = tbl([], {});
  c.setStr('self', c);
  t.equal(errOf(() => encode(c)), 'json.encode: cyclic table');
  const c1 = tbl([1]);
  const c2 = tbl([c1]);
  c1.set(2, c2);
  t.equal(errOf(() => encode(tbl([], { x: c1 }))), 'json.encode: cyclic table');
  // a shared (acyclic) table is fine
  const sh = tbl([1]);
  t.equal(encode(tbl([sh, sh])), '[[1],[1]]');
  // depth: 200 nested tables encode, 201 do not
  let deep: LuaTable = tbl();
  for (let i = 1; i < 200; i++) deep = tbl([deep]);
  t.equal(encode(deep), '['.repeat(199) + '{}' + ']'.repeat(199));
  t.equal(errOf(() => encode(tbl([deep]))), 'json.encode: nesting too deep');
  // the encoder recovers after an error
  t.equal(encode(tbl([1, 2])), '[1,2]');
  // options must be a table
  t.equal(errOf(() => encode(1, 'x')), "bad argument #2 to 'encode' (table expected, got string)");
});

t.test('decode errors', async (t) => {
  const cases: [string, string][] = [
    ['', 'json.decode: unexpected end of input'],
    ['   ', 'json.decode: unexpected end of input'],
    ['[', 'json.decode: unexpected end of input'],
    ['[1,', 'json.decode: unexpected end of input'],
    ['{"a"', 'json.decode: unexpected end of input'],
    ['{"a":', 'json.decode: unexpected end of input'],
    ['"abc', 'json.decode: unexpected end of input'],
    ['"abc\\', 'json.decode: unexpected end of input'],
    ['"\\u12', 'json.decode: unexpected end of input'],
    ['tru', 'json.decode: unexpected end of input'],
    ['-', 'json.decode: unexpected end of input'],
    ['1.', 'json.decode: unexpected end of input'],
    ['1e', 'json.decode: unexpected end of input'],
    ['{"name": "bob", x}', "json.decode: unexpected character 'x' at position 17"],
    ['x', "json.decode: unexpected character 'x' at position 1"],
    ['[1,]', "json.decode: unexpected character ']' at position 4"],
    ['{"a":1,}', "json.decode: unexpected character '}' at position 8"],
    ['{,}', "json.decode: unexpected character ',' at position 2"],
    ['{1:2}', "json.decode: unexpected character '1' at position 2"],
    ['{"a" 1}', "json.decode: unexpected character '1' at position 6"],
    ['[1 2]', "json.decode: unexpected character '2' at position 4"],
    ['trux', "json.decode: unexpected character 'x' at position 4"],
    ['nul', 'json.decode: unexpected end of input'],
    ['NaN', "json.decode: unexpected character 'N' at position 1"],
    ['-Infinity', "json.decode: unexpected character 'I' at position 2"],
    ['+1', "json.decode: unexpected character '+' at position 1"],
    ['.5', "json.decode: unexpected character '.' at position 1"],
    ['1.e5', "json.decode: unexpected character 'e' at position 3"],
    ['[01]', "json.decode: unexpected character '1' at position 3"],
    ["'a'", "json.decode: unexpected character ''' at position 1"],
    ['[1]x', 'json.decode: trailing garbage at position 4'],
    ['01', 'json.decode: trailing garbage at position 2'],
    ['1 2', 'json.decode: trailing garbage at position 3'],
    ['{} {}', 'json.decode: trailing garbage at position 4'],
    ['"\\x"', "json.decode: invalid escape '\\x' at position 2"],
    ['"ab\\U0041"', "json.decode: invalid escape '\\U' at position 4"],
    ['"\\u12g4"', 'json.decode: invalid unicode escape at position 2'],
    ['"a\nb"', 'json.decode: control character in string at position 3'],
    ['"a\x00"', 'json.decode: control character in string at position 3'],
    ['"\xff"', 'json.decode: invalid UTF-8 in string at position 2'],
    ['"ab\xc3("', 'json.decode: invalid UTF-8 in string at position 4'],
    ['"\xed\xa0\x80"', 'json.decode: invalid UTF-8 in string at position 2'],
    ['\xc3\xa9', "json.decode: unexpected character '\xc3\xa9' at position 1"],
    ['[\x01]', "json.decode: unexpected character '\\x01' at position 2"],
    ['1e400', 'json.decode: number out of range at position 1'],
    ['[-1e999]', 'json.decode: number out of range at position 2'],
  ];
  for (const [src, msg] of cases) t.equal(errOf(() => decode(src)), msg, JSON.stringify(src));
  t.equal(errOf(() => decode(undefined)), "bad argument #1 to 'decode' (string expected, got nil)");
  t.equal(errOf(() => decode(tbl())), "bad argument #1 to 'decode' (string expected, got table)");
  t.equal(errOf(() => decode('1', 5)), "bad argument #2 to 'decode' (table expected, got number)");
  t.equal(decode(12), 12);
  // the decoder recovers after an error
  t.equal(encode(decode('[1,2]')), '[1,2]');
});

t.test('decode nesting limit', async (t) => {
  t.equal(rt('['.repeat(200) + ']'.repeat(200)), '['.repeat(200) + ']'.repeat(200));
  t.equal(errOf(() => decode('['.repeat(201) + ']'.repeat(201))), 'json.decode: nesting too deep');
  t.equal(errOf(() => decode('{"a":'.repeat(201) + '1' + '}'.repeat(201))), 'json.decode: nesting too deep');
  t.equal(errOf(() => decode('['.repeat(100000))), 'json.decode: nesting too deep');
  const ok = '{"a":'.repeat(200) + '1' + '}'.repeat(200);
  t.equal(rt(ok), ok);
});

t.test('pretty', async (t) => {
  const v = decode('{"a":[1,2,{"b":null,"c":{}}],"d":[],"e":"x"}');
  t.equal(
    encode(v, tbl([], { pretty: true })),
    '{\n  "a": [\n    1,\n    2,\n    {\n      "c": {}\n    }\n  ],\n  "d": [],\n  "e": "x"\n}',
  );
  t.equal(encode(tbl([1, undefined, 3]), tbl([], { pretty: true })), '{\n  "1": 1,\n  "3": 3\n}');
  t.equal(encode(v, tbl([], { pretty: false })), '{"a":[1,2,{"c":{}}],"d":[],"e":"x"}');
  t.equal(luaToJson(tbl([1]), { pretty: true }), '[\n  1\n]');
  t.same(luaToJs(decode(encode(v, tbl([], { pretty: true })))), luaToJs(v));
});

t.test('JS helpers', async (t) => {
  t.equal(luaToJson(tbl([1, 'a'])), '[1,"a"]');
  t.equal(jsonToLua('[1]').get(1), 1);
  t.throws(() => jsonToLua('['), LuaError);
  t.throws(() => luaToJson(NaN), LuaError);
  const claims = { sub: 'user-1', name: 'Zoë', roles: ['admin', 'dev'], exp: 1712345678, score: 2.5, nothing: null, big: 2 ** 60, nested: { list: [], obj: {} } };
  const L = jsToLua(claims) as LuaTable;
  t.equal(L.get('name'), fromText('Zoë'));
  t.equal(L.get('exp'), 1712345678);
  t.equal(L.get('score'), 2.5);
  t.same(L.get('big'), new LFloat(2 ** 60));
  t.equal(L.get('nothing'), undefined);
  t.ok(isArrayMarked(L.get('roles')));
  t.equal(toText(luaToJson(L)), '{"sub":"user-1","name":"Zoë","roles":["admin","dev"],"exp":1712345678,"score":2.5,"big":1.152921504606847e18,"nested":{"list":[],"obj":{}}}');
  const back = luaToJs(L) as any;
  t.same(back, { sub: 'user-1', name: 'Zoë', roles: ['admin', 'dev'], exp: 1712345678, score: 2.5, big: 2 ** 60, nested: { list: [], obj: {} } });
  t.equal(luaToJs(JSON_NULL), null);
  t.equal(luaToJs(undefined), undefined);
  t.equal(luaToJs(9223372036854775807n), 9223372036854775807n);
  t.same(luaToJs(decode('[1,null,3]')), [1, null, 3]);
  t.same(luaToJs(tbl([1, undefined, 3])), { '1': 1, '3': 3 });
  t.same(luaToJs(tbl([1], { a: 2 }, [[-1, 3]])), { '-1': 3, '1': 1, a: 2 });
  t.same(luaToJs(new LuaTable()), {});
  t.same(luaToJs(array()), []);
  const proto = luaToJs(decode('{"__proto__":{"x":1}}')) as any;
  t.equal(Object.getPrototypeOf(proto), Object.prototype);
  t.same(Object.keys(proto), ['__proto__']);
  t.equal(({} as any).x, undefined);
  t.throws(() => luaToJs(tbl([], {}, [[true, 1]])), LuaError);
  // cycles and sharing
  const cyc: any = { a: [1] };
  cyc.self = cyc;
  cyc.b = cyc.a;
  const lc = jsToLua(cyc) as LuaTable;
  t.equal(lc.get('self'), lc);
  t.equal(lc.get('a'), lc.get('b'));
  const jc = luaToJs(lc) as any;
  t.equal(jc.self, jc);
  // other JS values
  t.equal(jsToLua(new Uint8Array([0xc3, 0xa9])), '\xc3\xa9');
  t.equal(jsToLua(new Date(0)), '1970-01-01T00:00:00.000Z');
  t.equal(jsToLua(2n ** 70n).n, 2 ** 70);
  t.equal(jsToLua(5n), 5);
  t.equal(jsToLua(-0), 0);
  t.ok(Object.is(jsToLua(-0), 0));
  t.equal(jsToLua(undefined), undefined);
  const m = jsToLua(new Map<unknown, unknown>([['k', 1], [2, 'two']])) as LuaTable;
  t.equal(m.get('k'), 1);
  t.equal(m.get(2), 'two');
  const sparse = jsToLua([1, null, 3, null]) as LuaTable;
  t.equal(sparse.a.length, 3);
  t.equal(luaToJson(sparse), '[1,null,3]');
  // round trip through JS: decode → luaToJs equals JSON.parse
  const doc = JSON.stringify({ a: [1, 2.5, 'x', { b: [true, null, false] }], s: 'é\n"😀', n: -12, e: [], o: {} });
  t.same(luaToJs(jsonToLua(fromText(doc))), JSON.parse(doc));
});

t.test('differential against JSON.parse / JSON.stringify', async (t) => {
  let seed = 42;
  const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const chars = ['a', 'Z', ' ', '"', '\\', '/', '\n', '\x01', 'é', '€', '😀', '\u2028', '\ufffd'];
  const str = () => {
    let s = '';
    const n = Math.floor(rnd() * 8);
    for (let i = 0; i < n; i++) s += pick(chars);
    return s;
  };
  const gen = (d: number): unknown => {
    const r = rnd();
    if (d > 4 || r < 0.5) {
      return pick<() => unknown>([
        () => Math.floor((rnd() - 0.5) * 1e6),
        () => (rnd() - 0.5) * Math.pow(10, Math.floor(rnd() * 30) - 15),
        str,
        () => rnd() < 0.5,
        () => null,
      ])();
    }
    if (r < 0.75) return Array.from({ length: Math.floor(rnd() * 5) }, () => gen(d + 1));
    const o: Record<string, unknown> = {};
    for (let i = Math.floor(rnd() * 5); i > 0; i--) o['k' + str()] = gen(d + 1);
    return o;
  };
  for (let i = 0; i < 300; i++) {
    const v = gen(0);
    const text = JSON.stringify(v);
    const lv = jsonToLua(fromText(text));
    const expect = JSON.parse(text);
    // luaToJs drops null object members (nil) and trailing null array items
    const strip = (x: any): any => {
      if (Array.isArray(x)) {
        const r = x.map(strip);
        while (r.length && r[r.length - 1] === null) r.pop();
        return r;
      }
      if (x !== null && typeof x === 'object') {
        const r: any = {};
        for (const k of Object.keys(x)) if (x[k] !== null) r[k] = strip(x[k]);
        return r;
      }
      return x;
    };
    t.same(luaToJs(lv), strip(expect), `case ${i}: ${text.replace(/[^\x20-\x7e]/g, '?')}`);
    // re-encoding gives text that parses to the same JS value
    t.same(JSON.parse(toText(luaToJson(lv))), strip(expect));
    if (t.passing() === false) break;
  }
  // pretty output parses too
  const big = jsonToLua(fromText(JSON.stringify(gen(0))));
  t.same(JSON.parse(toText(luaToJson(big, { pretty: true }))), JSON.parse(toText(luaToJson(big))));
});

t.test('encoder buffer: integers, growth, large outputs', async (t) => {
  for (const n of [0, 1, 9, 10, 99, 100, 12345, -1, -10, -9007199254740991, 9007199254740991, 1712345678123]) {
    t.equal(encode(n), String(n));
  }
  // outputs far larger than the initial buffer, with escapes and UTF-8 near the growth points
  const parts: LuaValue[] = [];
  const expect: unknown[] = [];
  for (let i = 0; i < 5000; i++) {
    const s = 'item ' + i + (i % 3 === 0 ? ' "q"\n' : '') + (i % 7 === 0 ? 'é€😀' : '');
    parts.push(fromText(s));
    expect.push(s);
  }
  const big = encode(markArray(new LuaTable(parts)));
  t.same(JSON.parse(toText(big)), expect);
  // a multi-megabyte output (the buffer is dropped afterwards), then a small one
  const huge = 'x'.repeat(3 << 20);
  t.equal(encode(huge).length, (3 << 20) + 2);
  t.equal(encode(tbl(['a', 1])), '["a",1]');
  // a string that needs escaping as the very first value of a grown buffer
  const esc = '\n'.repeat(20000);
  t.equal(encode(esc), '"' + '\\n'.repeat(20000) + '"');
});
