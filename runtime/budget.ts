// CPU budget: compiled code decrements B.n at every loop iteration and function entry; when it runs
// out, budget() checks the clock. Past the slice's kill deadline the script is stopped with a
// LuaKill ("CPU time limit exceeded", which pcall cannot catch). Generator code may instead be
// paused (yield PAUSE) once its pause deadline passes, when the host asked for pausing and no
// built-in (a C boundary) stands between the generator and the host.

import { cDepth } from './meta.js';
import { Suspend } from './suspend.js';
import { LuaKill } from './value.js';

const CHECK_EVERY = 10000;

export const B = { n: CHECK_EVERY };

/** What generator code yields to pause; the instance reports it as { status: 'paused' }. */
export const PAUSE = new Suspend('$pause', []);

let killAt = Infinity;
let pauseAt = Infinity;

/** Start a time slice: kill after `killMs`, pause generator code after `pauseMs` (Infinity: never). */
export function startSlice(killMs: number, pauseMs = Infinity): void {
  const now = killMs === Infinity && pauseMs === Infinity ? 0 : performance.now();
  killAt = killMs === Infinity ? Infinity : now + killMs;
  pauseAt = pauseMs === Infinity ? Infinity : now + pauseMs;
  B.n = CHECK_EVERY;
}

export function endSlice(): void {
  killAt = Infinity;
  pauseAt = Infinity;
}

/** Called when B.n runs out; returns true when generator code (canPause) should pause now. */
export function budget(canPause = false): boolean {
  B.n = CHECK_EVERY;
  if (killAt === Infinity && pauseAt === Infinity) return false;
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
