// Which library module a stack-trace line is in, unbundled and inside an esbuild bundle (see
// runtime/frame-module.ts). The CLI tests check the real bundle end to end (built-in error positions).

import t from 'tap';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { frameLib } from '../runtime/frame-module.js';

t.test('unbundled frames name their file', async (t) => {
  t.equal(frameLib('    at str_rep (file:///app/dist/runtime/lib/string.js:120:11)'), 'string');
  t.equal(frameLib('    at file:///app/runtime/lib/table.ts:9:3'), 'table');
  t.equal(frameLib('    at index (file:///app/dist/runtime/ops.js:20:5)'), undefined);
  t.equal(frameLib('    at lua-chunk:3:10:4'), undefined);
});

t.test('bundled frames are found by the module section of their line', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'moongate-frames-'));
  const file = join(dir, 'run-worker.bundle.js');
  const lines = [
    '// dist/runtime/value.js', // 1
    'class LuaTable {}', // 2
    '// dist/runtime/lib/string.js', // 3
    'function str_rep() {}', // 4
    '// not a section: a comment with words', // 5
    'function str_sub() {}', // 6
    '// node_modules/astring/dist/astring.mjs', // 7
    'function generate() {}', // 8
    '// dist/runtime/lib/table.js', // 9
    'function tinsert() {}', // 10
  ];
  writeFileSync(file, lines.join('\n'));
  const url = pathToFileURL(file).href;
  t.equal(frameLib(`    at LuaTable (${url}:2:1)`), undefined, 'a core module');
  t.equal(frameLib(`    at str_rep (${url}:4:10)`), 'string');
  t.equal(frameLib(`    at str_sub (${url}:6:10)`), 'string', 'a plain comment does not open a section');
  t.equal(frameLib(`    at generate (${url}:8:1)`), undefined, 'a package');
  t.equal(frameLib(`    at ${url}:10:3`), 'table', 'an anonymous frame');
  t.equal(frameLib(`    at tinsert (${file}:10:3)`), 'table', 'a path rather than a URL');
  t.equal(frameLib(`    at f (${pathToFileURL(join(dir, 'missing.bundle.js')).href}:4:1)`), undefined, 'an unreadable bundle');
});
