// Does CPU code pay for suspension? The same CPU-bound functions run in a script that never suspends
// and in one whose main loop suspends (recv) between calls; the ratio should stay near 1.0 because the
// suspension analysis proves the functions plain. Usage: node dist/bench/suspend.js [--rounds N]

import { parseArgs } from 'node:util';
import { compile } from '../compiler/index.js';
import { createInstance, suspending } from '../runtime/index.js';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '7' } } });
const rounds = Number(values.rounds);

const WORK = `
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
local function sieve(n)
  local composite, count = {}, 0
  for i = 2, n do
    if not composite[i] then
      count = count + 1
      for j = i * i, n, i do composite[j] = true end
    end
  end
  return count
end
local function work() return fib(24) + sieve(200000) end
`;
const plain = WORK + `local s = 0 for i = 1, 10 do s = s + work() end return s`;
const suspends = WORK + `local s = 0 for i = 1, 10 do recv() s = s + work() end return s`;

function time(src: string): number {
  const script = compile(src, { chunkName: 'bench.lua' });
  const inst = createInstance(script, { globals: { recv: suspending('recv') } });
  const t0 = process.cpuUsage();
  let r = inst.run();
  while (r.status === 'suspended') r = inst.resume([]);
  if (r.status !== 'done') throw new Error(JSON.stringify(r));
  const t = process.cpuUsage(t0);
  return (t.user + t.system) / 1000;
}

let bestPlain = Infinity;
let bestSusp = Infinity;
for (let i = 0; i < rounds; i++) {
  bestPlain = Math.min(bestPlain, time(plain));
  bestSusp = Math.min(bestSusp, time(suspends));
}
console.log(`| script | CPU ms (best of ${rounds}) |`);
console.log('| --- | ---: |');
console.log(`| never suspends | ${bestPlain.toFixed(1)} |`);
console.log(`| suspends between calls | ${bestSusp.toFixed(1)} |`);
console.log(`| **ratio** | **${(bestSusp / bestPlain).toFixed(3)}** |`);
