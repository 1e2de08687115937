// Everything compiled code refers to by name: the chunk header destructures this object.

import { add, band, bnot, bor, bxor, div, idiv, mod, mul, pow, powf, shl, shr, sub, unm } from './arith.js';
import { B, PAUSE, budget } from './budget.js';
import { NOERR, checkClose, closeAll, closeTo, closeVar } from './closing.js';
import { forIter, forlimit, forprep, forvar } from './loops.js';
import { GM, NEEDG, takePending, tocall } from './meta.js';
import { concat, eq, index, indexS, le, len, lt, rawsetChecked, setfield, setindex } from './ops.js';
import { PendingCall, callG, mkG } from './suspend.js';
import { LFloat, boxFloat, LuaTable, LuaValue, Multi, NONE, StrDict, all, first, results, truthy } from './value.js';

function callable(f: LuaValue): (...args: LuaValue[]) => LuaValue {
  return typeof f === 'function' ? f : tocall(f);
}
function gt(a: LuaValue, b: LuaValue): boolean {
  return lt(b, a);
}
function ge(a: LuaValue, b: LuaValue): boolean {
  return le(b, a);
}
function newtable(): LuaTable {
  return new LuaTable();
}
/** A table whose string part starts as its own dictionary (constructors with `name = value` fields). */
function newrec(): LuaTable {
  const t = new LuaTable();
  t.s = new (StrDict as any)();
  return t;
}
/** Store the positional items of a table constructor (they win over `[k] = v` items, as in Lua). */
function setlist(t: LuaTable, items: LuaValue[]): void {
  if (t.a.length === 0 && t.h === undefined) {
    while (items.length > 0 && items[items.length - 1] === undefined) items.pop();
    t.a = items;
    return;
  }
  for (let i = 0; i < items.length; i++) t.setInt(i + 1, items[i]);
}

export const RT = {
  LuaTable, LFloat, boxFloat, Multi, NONE, first, all, results, truthy,
  index, indexS, setindex, setfield, rawsetChecked,
  add, sub, mul, div, mod, pow, powf, idiv, unm, band, bor, bxor, shl, shr, bnot,
  eq, lt, le, gt, ge, concat, len,
  callable, tocall, callG, PendingCall, mkG, GM, NEEDG, takePending,
  forprep, forlimit, forvar, forIter,
  B, budget, PAUSE,
  checkClose, closeVar, closeTo, closeAll, NOERR,
  newrec, newtable, setlist,
};

export const RT_NAMES = Object.keys(RT);
