// Suspension analysis: which Lua functions may suspend (and so are compiled as generators).
//
// A function may suspend if it calls something that may suspend. Calls are "safe" when the callee is
// a local function proven safe (fixpoint over the call graph) or a standard built-in reached through
// a global that the chunk never reassigns. A chunk that never mentions a suspending name at all
// compiles entirely to plain functions. Everything else is conservatively a generator; at run time a
// generator called from plain code still runs (synchronously) unless it really suspends.

import type { Resolution } from './resolve.js';

/** Names whose presence anywhere in the source means something in this chunk may suspend. */
export const DEFAULT_SUSPEND_NAMES = ['recv', 'recv_any', 'yield', 'load', 'isyieldable'];

/** Built-ins known never to suspend (by global path). */
const SAFE = new Set(
  (
    'assert error getmetatable ipairs next pairs print rawequal rawget rawlen rawset select setmetatable ' +
    'tonumber tostring type collectgarbage ' +
    'string.byte string.char string.find string.format string.gmatch string.gsub string.len string.lower ' +
    'string.match string.rep string.reverse string.sub string.upper string.pack string.packsize string.unpack ' +
    'table.concat table.insert table.move table.pack table.remove table.sort table.unpack ' +
    'math.abs math.ceil math.floor math.fmod math.modf math.sqrt math.exp math.log math.sin math.cos math.tan ' +
    'math.asin math.acos math.atan math.tointeger math.type math.ult math.max math.min math.random math.randomseed ' +
    'utf8.char utf8.codepoint utf8.codes utf8.len utf8.offset os.time os.clock os.date os.difftime ' +
    'json.encode json.decode json.array coroutine.create coroutine.status coroutine.running coroutine.isyieldable ' +
    'solidb.ws.send solidb.ws.close solidb.ws.channel.subscribe solidb.ws.channel.unsubscribe ' +
    'solidb.ws.channel.broadcast solidb.ws.channel.list solidb.ws.presence.join solidb.ws.presence.leave ' +
    'solidb.ws.presence.list solidb.error response.json response.text response.html response.redirect ' +
    'response.status response.header'
  ).split(/\s+/),
);

/**
 * Marks the functions that may suspend; returns whether a metamethod of this chunk may suspend. With
 * `allSuspend` every function is a generator (a chunk loaded by a script whose metamethods may suspend:
 * any table operation of it may run one).
 */
export function analyseSuspension(res: Resolution, source: string, suspendNames: string[], allSuspend = false): boolean {
  if (allSuspend) {
    for (const f of res.functions) f.suspends = true;
    return false;
  }
  const re = new RegExp(`\\b(${suspendNames.map((n) => n.replace(/[^A-Za-z0-9_]/g, '')).join('|')})\\b`);
  if (!re.test(source)) return false; // nothing here can suspend

  // a built-in may have been replaced through an alias (`local m = math; m.floor = f`), rawset or _G:
  // then no built-in is trusted in this chunk
  const lastNames = new Set([...SAFE].map((p) => p.slice(p.lastIndexOf('.') + 1)));
  const builtinsTouched =
    res.assignedFields.has('*') || [...res.assignedFields].some((f) => lastNames.has(f)) || /\brawset\b|\b_G\b|\b_ENV\b|\bsetmetatable\s*\(\s*_G/.test(source);
  const safeCall = (call: any): boolean => {
    if (call.$selfTail) return true;
    if (call.$forIterator !== undefined) {
      // for k, v in pairs(t) / ipairs(t) / next, t
      const it = call.$forIterator;
      const f = it[0];
      const isBuiltinCall = it.length === 1 && f.type === 'CallExpression' && f.base.type === 'Identifier' && f.base.$var === undefined && (f.base.name === 'pairs' || f.base.name === 'ipairs');
      const isNext = f.type === 'Identifier' && f.$var === undefined && f.name === 'next';
      return !builtinsTouched && (isBuiltinCall || isNext) && !res.assignedGlobals.has(f.base?.name ?? f.name);
    }
    if (builtinsTouched && call.base.type !== 'Identifier') return false;
    const base = call.base;
    if (base.type === 'Identifier' && base.$var !== undefined) {
      const v = base.$var;
      return v.funcNode !== undefined && !v.reassigned && v.funcNode.$fn?.suspends === false;
    }
    const path = globalPath(base);
    if (path === undefined) return false;
    if (builtinsTouched || res.assignedGlobals.has(path.split('.')[0])) return false;
    return SAFE.has(path);
  };

  fixpoint(res, safeCall);
  // A metamethod that may suspend can run under any table operation: then every function is a generator.
  if (res.functions.some((f) => f.suspends && isMetamethodValue(f.node))) {
    for (const f of res.functions) f.suspends = true;
    return true;
  }
  return false;
}

function fixpoint(res: Resolution, safeCall: (call: any) => boolean): void {
  let changed = true;
  while (changed) {
    changed = false;
    for (const fn of res.functions) {
      if (fn.suspends) continue;
      for (const c of fn.calls) {
        if (!safeCall(c)) {
          fn.suspends = true;
          changed = true;
          break;
        }
      }
    }
  }
}

/** Whether a function expression is stored under a metamethod name (`__index = function ...`). */
function isMetamethodValue(fn: any): boolean {
  return fn.$metaKey === true;
}

/** "string.format" for `string.format` when `string` is a global; undefined otherwise. */
function globalPath(e: any): string | undefined {
  if (e.type === 'Identifier') return e.$var === undefined ? e.name : undefined;
  if (e.type === 'MemberExpression' && e.indexer === '.') {
    const p = globalPath(e.base);
    return p === undefined ? undefined : p + '.' + e.identifier.name;
  }
  return undefined;
}
