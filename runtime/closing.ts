// To-be-closed variables (`local x <close>` and the 4th value of a generic for).

import { luaError } from './error.js';
import { call, metamethod } from './meta.js';
import { LuaError, LuaKill, LuaValue } from './value.js';

/** Marker for "the block ended without an error". */
export const NOERR = Symbol('noerr');

export function checkClose(v: LuaValue, name: string): void {
  if (v === undefined || v === false) return;
  if (metamethod(v, '__close') === undefined) luaError(`variable '${name}' got a non-closable value`);
}

/** Call v's __close with the error object (nil on a normal exit). */
export function closeVar(v: LuaValue, err: unknown): void {
  if (v === undefined || v === false) return;
  if (err instanceof LuaKill) return;
  const mm = metamethod(v, '__close');
  // the metamethod was removed after the declaration: Lua still tries to call it
  if (mm === undefined) luaError(`attempt to call a nil value (metamethod 'close')`);
  const e = err === NOERR ? undefined : err instanceof LuaError ? err.value : err;
  call(mm, v, e);
}

/**
 * The to-be-closed values of a block with labels live on a stack (a jump restarts the block's switch, so
 * no JS try block can span them). A goto to a label before some of their declarations closes those.
 */
export function closeTo(live: LuaValue[], keep: number): void {
  while (live.length > keep) closeVar(live.pop(), NOERR);
}

/** The exit of a block with labels: close its live values, last first; an error passes to the next. */
export function closeAll(live: LuaValue[], err: unknown): void {
  let failed = false;
  while (live.length > 0) {
    try {
      closeVar(live.pop(), err);
    } catch (e) {
      err = e;
      failed = true;
    }
  }
  if (failed) throw err;
}
