// The command line: `moongate run FILE.lua` behaves like `lua5.4 FILE.lua` (stdout, the error line on
// stderr, exit codes, arguments), and `moongate compile FILE.lua` prints the generated JavaScript.
// Each case spawns the real CLI with piped stdio, as a shell pipeline or a test harness would.

import t from 'tap';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/moongate.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'moongate-cli-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

/** Write a script into the working directory of the CLI runs; its name as given on the command line. */
function script(name: string, source: string): string {
  writeFileSync(join(dir, name), source, 'latin1');
  return name;
}

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'latin1', maxBuffer: 64 << 20, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

t.test('run prints to stdout and exits 0', async (t) => {
  const r = cli('run', script('hello.lua', 'print("hello", 1, 2.0, nil)\nio = nil\nprint(#arg, arg[0])'));
  t.equal(r.code, 0);
  t.equal(r.stdout, 'hello\t1\t2.0\tnil\n0\thello.lua\n');
  t.equal(r.stderr, '');
});

t.test('output larger than a pipe buffer arrives whole and in order', async (t) => {
  const r = cli('run', script('big.lua', 'for i = 1, 200000 do print("line " .. i) end'));
  t.equal(r.code, 0);
  const lines = r.stdout.split('\n');
  t.equal(lines.length, 200001);
  t.equal(lines[0], 'line 1');
  t.equal(lines[199999], 'line 200000');
});

t.test('a runtime error: output so far, then the Lua message on stderr, exit 1', async (t) => {
  const r = cli('run', script('err.lua', 'print("before")\nlocal t = nil\nprint(t.x)\nprint("after")'));
  t.equal(r.code, 1);
  t.equal(r.stdout, 'before\n');
  t.equal(r.stderr, "moongate: err.lua:3: attempt to index a nil value (local 't')\n");
});

t.test('error with a non-string value, and a syntax error', async (t) => {
  const e1 = cli('run', script('errtab.lua', 'error({code = 1})'));
  t.equal(e1.code, 1);
  t.equal(e1.stderr, 'moongate: (error object is a table value)\n');
  const e2 = cli('run', script('syntax.lua', 'local x = = 1'));
  t.equal(e2.code, 1);
  t.equal(e2.stdout, '');
  t.equal(e2.stderr, "moongate: syntax.lua:1: unexpected symbol near '='\n");
});

t.test('a byte order mark starts a file; a bad first byte is a syntax error', async (t) => {
  const r = cli('run', script('bom.lua', '\xef\xbb\xbfprint("bom")'));
  t.equal(r.stdout, 'bom\n');
  t.equal(r.code, 0);
  const bad = cli('run', script('bad.lua', '\x80 = 1'));
  t.equal(bad.code, 1);
  t.equal(bad.stderr, "moongate: bad.lua:1: unexpected symbol near '<\\128>'\n");
});

t.test('arguments reach arg and ...', async (t) => {
  const r = cli('run', script('args.lua', 'print(select("#", ...), ...)\nprint(arg[1], arg[2], #arg)'), 'one', 'two words');
  t.equal(r.code, 0);
  t.equal(r.stdout, '2\tone\ttwo words\none\ttwo words\t2\n');
});

t.test('os.getenv reads the environment, as under lua5.4 (the gateway gives scripts none)', async (t) => {
  process.env.MOONGATE_CLI_ENV = 'h\u00e9llo';
  const r = cli('run', script('env.lua', 'print(os.getenv("MOONGATE_CLI_ENV"), #os.getenv("MOONGATE_CLI_ENV"), os.getenv("MOONGATE_UNSET_VAR"))'));
  delete process.env.MOONGATE_CLI_ENV;
  t.equal(r.code, 0);
  t.equal(r.stdout, `${Buffer.from('h\u00e9llo', 'utf8').toString('latin1')}\t6\tnil\n`, 'values arrive as their UTF-8 bytes');
});

t.test('a missing file is an error', async (t) => {
  const r = cli('run', 'nope.lua');
  t.equal(r.code, 1);
  t.match(r.stderr, /^moongate: cannot open .*nope\.lua/);
});

t.test('compile prints the whole JavaScript, even past a pipe buffer', async (t) => {
  const body = Array.from({ length: 3000 }, (_, i) => `local v${i % 150} = (${i} + 1) * 2 .. "x"`).join('\n');
  const r = cli('compile', script('long.lua', `${body}\nprint("done")`));
  t.equal(r.code, 0);
  t.ok(r.stdout.length > 200_000, `output is long (${r.stdout.length} bytes)`);
  t.ok(r.stdout.trimEnd().endsWith('};'), 'output ends with the end of the chunk');
  // the printed JavaScript is what the chunk runs: it parses
  t.doesNotThrow(() => new Function('rt', r.stdout));
});

t.test('a reader that goes away ends an endless writer quietly', async (t) => {
  const file = script('endless.lua', 'while true do print("y") end');
  const child = spawn(process.execPath, [BIN, 'run', file], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  child.stdout.destroy();
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve(null);
    }, 20_000);
    child.on('exit', (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  t.equal(code, 141, 'exits as a process stopped by SIGPIPE would');
  t.equal(err, '', 'no error message');
});

// Error positions come from the JS stack: which frames are built-ins (runtime/lib/*.js) and which are Lua.
// Expected texts are lua5.4's. (A bundled worker once lost the built-in frames: every message got a position.)
t.test('run: built-in errors are positioned as in Lua (no position when a built-in called the built-in)', async (t) => {
  const r = cli(
    'run',
    script(
      'msgs.lua',
      [
        'print(pcall(string.rep))',
        'print(pcall(function() string.rep() end))',
        'print(pcall(function() local s = ("x"):rep() end))',
        'print(pcall(setmetatable, 1))',
        'local c = {} c.self = c',
        'print(pcall(function() return json.encode({a = c}) end))',
      ].join('\n'),
    ),
  );
  t.equal(r.code, 0);
  t.equal(
    r.stdout,
    [
      "false\tbad argument #1 to 'string.rep' (string expected, got no value)",
      "false\tmsgs.lua:2: bad argument #1 to 'rep' (string expected, got no value)",
      "false\tmsgs.lua:3: bad argument #1 to 'rep' (number expected, got no value)",
      "false\tbad argument #1 to 'setmetatable' (table expected, got number)",
      'false\tmsgs.lua:6: json.encode: cyclic table',
      '',
    ].join('\n'),
  );
});

// The main thread compiles while the worker boots; source nested past its stack goes to the worker's.
t.test('run: an expression nested 3,000 deep compiles (on the worker) and runs; its syntax error is reported', async (t) => {
  const ok = cli('run', script('deep.lua', `x = ${'('.repeat(3000)}1${')'.repeat(3000)}\nprint(x)`));
  t.equal(ok.code, 0);
  t.equal(ok.stdout, '1\n');
  const bad = cli('run', script('deepbad.lua', `x = ${'('.repeat(3000)}1${')'.repeat(2999)}\nprint(x)`));
  t.equal(bad.code, 1);
  t.match(bad.stderr, /^moongate: deepbad\.lua:2: '\)' expected \(to close '\(' at line 1\) near 'print'\n$/);
});
