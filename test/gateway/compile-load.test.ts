// A 1 MB script registered while WebSocket echo traffic runs: compiling happens on the worker pool,
// so echo latency stays flat.
import t from 'tap';
import { startServer, connect, sleep } from './helpers.js';

t.setTimeout(120_000);

function bigScript(bytes: number): string {
  const lines = ['local t = {}'];
  let size = 12;
  for (let i = 0; size < bytes; i++) {
    const l = `t[${i}] = function(x) local y = x * ${i} + ${i % 7} if y > 10 then return "v${i}" .. tostring(y) else return {n = y, s = "s${i}"} end end`;
    lines.push(l);
    size += l.length + 1;
  }
  lines.push('return {n = #t}');
  return lines.join('\n');
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((s.length * p) / 100))];
}

t.test('1 MB registration during echo traffic', async (t) => {
  const s = await startServer({ args: ['--no-examples'] });
  t.teardown(() => s.cleanup());
  await s.register('t', 'echo', 'echo', ['WS'], 'while true do local m = solidb.ws.recv() if m == nil then break end solidb.ws.send(m) end');
  const clients = await Promise.all([0, 1, 2, 3].map(() => connect(s, '/api/custom/t/echo')));
  const code = bigScript(1024 * 1024);
  t.ok(code.length >= 1024 * 1024);

  let running = true;
  const samples: { at: number; rtt: number }[] = [];
  const traffic = Promise.all(
    clients.map(async (c, k) => {
      for (let i = 0; running; i++) {
        const t0 = performance.now();
        c.send(`m${k}-${i}`);
        const got = await c.next(10_000);
        if (got !== `m${k}-${i}`) throw new Error(`echo mismatch: ${got}`);
        samples.push({ at: t0, rtt: performance.now() - t0 });
        await sleep(5);
      }
    }),
  );
  await sleep(1000);
  const regStart = performance.now();
  const r = await s.admin('POST', '/_api/database/t/scripts', { name: 'big', path: 'big', methods: ['GET'], code });
  const regEnd = performance.now();
  await sleep(300);
  running = false;
  await traffic;
  t.equal(r.status, 201, 'registered');
  const before = samples.filter((x) => x.at < regStart).map((x) => x.rtt);
  const during = samples.filter((x) => x.at >= regStart && x.at <= regEnd).map((x) => x.rtt);
  t.comment(`registration took ${(regEnd - regStart).toFixed(0)} ms; echo rtt before: p50 ${pct(before, 50).toFixed(2)} p99 ${pct(before, 99).toFixed(2)} ms; during: n=${during.length} p50 ${pct(during, 50).toFixed(2)} p99 ${pct(during, 99).toFixed(2)} max ${Math.max(...during).toFixed(2)} ms`);
  t.ok(during.length >= 10, 'traffic kept flowing during the registration');
  t.ok(pct(during, 99) < Math.max(100, pct(before, 99) * 10), 'echo latency stays flat while compiling');
  const big = await fetch(s.http + '/api/custom/t/big');
  const j = await big.json();
  t.ok(j.n > 1000, 'the big script runs');
  for (const c of clients) c.close();
});
