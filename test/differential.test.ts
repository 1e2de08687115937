// Differential tests: every program in test/lua/{core,lib} runs through real Lua 5.4 (wasmoon) and
// through moongate; stdout and the uncaught error (if any) must match exactly.

import t from 'tap';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runReference } from './support/reference.js';
import { runMoongate } from './support/moongate.js';

const root = join(import.meta.dirname, 'lua');
const only = process.env.LUA_ONLY; // e.g. LUA_ONLY=core/042 to run a subset

for (const dir of ['core', 'lib']) {
  const files = readdirSync(join(root, dir)).filter((f) => f.endsWith('.lua')).sort();
  t.test(dir, async (t) => {
    for (const f of files) {
      if (only && !`${dir}/${f}`.includes(only)) continue;
      const src = readFileSync(join(root, dir, f), 'latin1');
      const expected = await runReference(src, f);
      const actual = await runMoongate(src, f);
      t.same(actual, expected, `${dir}/${f}`);
    }
  });
}
