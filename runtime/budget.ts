// CPU budget: compiled code decrements B.n at every loop iteration and function entry; when it runs
// out, budget() checks the clock. Past the slice's kill deadline the script is stopped with a
// LuaKill ("CPU time limit exceeded", which pcall cannot catch). Generator code may instead be
// paused (yield PAUSE) once its pause deadline passes, when the host asked for pausing and no
// built-in (a C boundary) stands between the generator and the host.

import { cDepth } from './meta.js';
import { Suspend } from './suspend.js';
import { LuaKill } from './value.js';

const CHECK_EVERY = 10000;
// With no deadline the counter starts near the top of the small-integer range: budget() is then all but
// never called. Each call lands in some compiled function whose `budget()` call site V8 has never seen
// run, and V8 throws that function's optimized code away ("insufficient type feedback for call"),
// which cost deltablue ~30 deoptimizations and recompilations per run.
const NO_DEADLINE = 2 ** 30 - 1;

export const B = { n: CHECK_EVERY };

/** What generator code yields to pause; the instance reports it as { status: 'paused' }. */
export const PAUSE = new Suspend('$pause', []);

let killAt = Infinity;
let pauseAt = Infinity;

/** Start a time slice: kill after `killMs`, pause generator code after `pauseMs` (Infinity: never). */
export function startSlice(killMs: number, pauseMs = Infinity): void {
  const deadline = killMs !== Infinity || pauseMs !== Infinity;
  const now = deadline ? performance.now() : 0;
  killAt = killMs === Infinity ? Infinity : now + killMs;
  pauseAt = pauseMs === Infinity ? Infinity : now + pauseMs;
  B.n = deadline ? CHECK_EVERY : NO_DEADLINE;
}

export function endSlice(): void {
  killAt = Infinity;
  pauseAt = Infinity;
}

/** Called when B.n runs out; returns true when generator code (canPause) should pause now. */
export function budget(canPause = false): boolean {
  if (killAt === Infinity && pauseAt === Infinity) {
    B.n = NO_DEADLINE;
    return false;
  }
  B.n = CHECK_EVERY;
  const now = performance.now();
  if (now > killAt) {
    killAt = Infinity;
    pauseAt = Infinity;
    throw new LuaKill('CPU time limit exceeded');
  }
  if (canPause && now > pauseAt && cDepth() === 0) {
    pauseAt = Infinity;
    return true;
  }
  return false;
}
