// Whole-process benchmark: a script run the way a user runs it, `moongate run F.lua` against
// `lua5.4 F.lua` (and `luajit F.lua` when installed). Start-up, compilation and JIT warm-up all count,
// nothing is subtracted; an empty script gives each command's start-up cost on its own line.
//
//   node dist/bench/cli.js [--runs N] [--only fib,n-body] [--markdown FILE]
//
// The commands run in turn (moongate, lua5.4, luajit, moongate, ...) so that a burst of load on a
// shared machine falls on all of them; each cell is the best of N. Outputs must match lua5.4's.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { findLuaDir } from './lua-dir.js';

const PROGRAMS = ['fib', 'binary-trees', 'n-body', 'spectral-norm', 'fannkuch-redux', 'table-heavy', 'string-build', 'richards', 'deltablue', 'string-gsub', 'string-format'];

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, only: { type: 'string' }, markdown: { type: 'string' }, 'lua-dir': { type: 'string' } },
});
const runs = Math.max(1, Number(values.runs) || 5);
const luaDir = findLuaDir(values['lua-dir'] ?? null, 'fib.lua');
const programs = values.only ? values.only.split(',') : PROGRAMS;

const moongateBin = fileURLToPath(new URL('../../bin/moongate.js', import.meta.url));
const commands: { name: string; argv: (file: string) => string[] }[] = [{ name: 'moongate', argv: (f) => [process.execPath, moongateBin, 'run', f] }];
for (const bin of ['lua5.4', 'luajit']) {
  if (spawnSync(bin, ['-v']).status === 0) commands.push({ name: bin, argv: (f) => [bin, f] });
}

interface Timing {
  ms: number;
  output: string;
  error?: string;
}

function timeOnce(argv: string[]): Timing {
  const t0 = performance.now();
  const r = spawnSync(argv[0]!, argv.slice(1), { encoding: 'latin1', maxBuffer: 256 << 20, timeout: 120_000 });
  const ms = performance.now() - t0;
  if (r.error || r.status !== 0) return { ms: NaN, output: '', error: r.error?.message ?? `exit ${r.status}: ${r.stderr.trim().split('\n')[0]}` };
  return { ms, output: r.stdout };
}

/** Best of `runs` for every command on one file, the commands taking turns. */
function bestTimes(file: string): Timing[] {
  const best: Timing[] = commands.map(() => ({ ms: Infinity, output: '' }));
  for (let i = 0; i < runs; i++) {
    commands.forEach((c, j) => {
      const t = timeOnce(c.argv(file));
      if (t.error !== undefined) best[j] = t;
      else if (best[j]!.error === undefined && t.ms < best[j]!.ms) best[j] = t;
    });
  }
  return best;
}

const fmt = (ms: number): string => (isFinite(ms) ? (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1)) : '–');
const ratio = (a: number, b: number): string => (isFinite(a) && isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '–');

const empty = join(mkdtempSync(join(tmpdir(), 'moongate-cli-bench-')), 'empty.lua');
writeFileSync(empty, '\n');

const others = commands.slice(1).map((c) => c.name);
const header = ['program', ...commands.map((c) => `${c.name} ms`), ...others.map((o) => `moongate/${o}`)];
const lines = [`| ${header.join(' | ')} |`, `| --- |${header.slice(1).map(() => ' ---: |').join('')}`];
const logs: number[][] = others.map(() => []);
const row = (name: string, t: Timing[], inMean: boolean): void => {
  const cells = [name, ...t.map((x) => (x.error !== undefined ? `error: ${x.error}` : fmt(x.ms)))];
  others.forEach((_, i) => {
    cells.push(ratio(t[0]!.ms, t[i + 1]!.ms));
    if (inMean && isFinite(t[0]!.ms / t[i + 1]!.ms)) logs[i]!.push(Math.log(t[0]!.ms / t[i + 1]!.ms));
  });
  lines.push(`| ${cells.join(' | ')} |`);
};

row('(empty script: start-up)', bestTimes(empty), false);
for (const p of programs) {
  const t = bestTimes(join(luaDir, `${p}.lua`));
  const ref = t.findIndex((_, i) => commands[i]!.name === 'lua5.4');
  if (ref > 0 && t[0]!.error === undefined && t[0]!.output !== t[ref]!.output) t[0] = { ms: NaN, output: '', error: 'output differs from lua5.4' };
  row(p, t, true);
  process.stderr.write(`${p.padEnd(16)} ${t.map((x) => fmt(x.ms)).join(' ')}\n`);
}
lines.push(`| **geomean** |${commands.map(() => ' |').join('')}${logs.map((l) => ` **${l.length ? `${Math.exp(l.reduce((a, b) => a + b, 0) / l.length).toFixed(2)}×` : '–'}** |`).join('')}`);

const out = [
  '## Whole process: `moongate run F.lua` against `lua5.4 F.lua`',
  '',
  `- date: ${new Date().toISOString()}; machine: ${cpus()[0]?.model ?? '?'} × ${cpus().length}; node ${process.version}`,
  `- best of ${runs}, commands taking turns; start-up, compilation and JIT warm-up included`,
  '',
  ...lines,
].join('\n');
console.log(out);
if (values.markdown) writeFileSync(values.markdown, out + '\n');
