// Developer tool: run the differential corpus and print a compact report of mismatches.
// Usage: node --import @tapjs/typescript/import test/support/diff-report.ts [filter]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runReference } from './reference.js';
import { runMoongate } from './moongate.js';
const root = new URL('../lua', import.meta.url).pathname;
const only = process.argv[2] ?? '';
let pass = 0, fail = 0;
for (const dir of ['core', 'lib']) {
  for (const f of readdirSync(join(root, dir)).filter((f) => f.endsWith('.lua')).sort()) {
    if (only && !`${dir}/${f}`.includes(only)) continue;
    const src = readFileSync(join(root, dir, f), 'latin1');
    const e = await runReference(src, f);
    const a = await runMoongate(src, f);
    if (a.stdout === e.stdout && a.error === e.error) { pass++; continue; }
    fail++;
    const el = e.stdout.split('\n'), al = a.stdout.split('\n');
    let i = 0; while (i < el.length && el[i] === al[i]) i++;
    console.log(`FAIL ${dir}/${f}: line ${i+1}\n  want: ${JSON.stringify(el[i])}\n  got:  ${JSON.stringify(al[i])}` + (a.error !== e.error ? `\n  err want: ${e.error}\n  err got:  ${String(a.error).slice(0,300)}` : ''));
  }
}
console.log(`${pass} passed, ${fail} failed`);
process.exit(0);
