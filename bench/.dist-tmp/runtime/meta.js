// Metatables: lookup of metamethods, the shared string metatable, and calling any callable value.
import { fault, luaError } from './error.js';
import { LuaTable, Multi, first, type } from './value.js';
/** The metatable shared by all strings (set by the string library: { __index = string }). */
export const stringMeta = { mt: undefined };
export function getMetatable(v) {
    if (v instanceof LuaTable)
        return v.mt;
    if (typeof v === 'string')
        return stringMeta.mt;
    return undefined;
}
/** The metamethod `name` of v, or undefined. */
export function metamethod(v, name) {
    const mt = v instanceof LuaTable ? v.mt : typeof v === 'string' ? stringMeta.mt : undefined;
    return mt === undefined ? undefined : mt.s[name];
}
/** A JS function that performs a call of `f` (resolving __call), or a Lua error naming the culprit. */
export function tocall(f) {
    if (typeof f === 'function')
        return f;
    const mm = metamethod(f, '__call');
    if (mm !== undefined) {
        const target = typeof mm === 'function' ? mm : tocall(mm);
        return (...args) => target(f, ...args);
    }
    return fault(`attempt to call a ${typeNameMeta(f)} value`);
}
/**
 * Nesting of calls made by the runtime on Lua's behalf (metamethods, callbacks of built-ins): Lua
 * counts these "C calls" and stops at 200 (LUAI_MAXCCALLS), which also bounds runaway __index chains.
 */
const MAX_C_CALLS = 200;
let cCalls = 0;
/** Call any callable value from JS with Lua's calling convention (first result or Multi). */
export function call(f, ...args) {
    const fn = typeof f === 'function' ? f : tocall(f);
    if (++cCalls >= MAX_C_CALLS) {
        cCalls--;
        return luaError('C stack overflow');
    }
    try {
        return fn(...args);
    }
    finally {
        cCalls--;
    }
}
/** Call a metamethod and keep its first result. */
export function callMeta(mm, a, b) {
    const r = call(mm, a, b);
    return r instanceof Multi ? r.v[0] : r;
}
export { first };
/** Type name for error messages, honouring __name. */
export function typeNameMeta(v) {
    if (v instanceof LuaTable && v.mt !== undefined) {
        const n = v.mt.s.__name;
        if (typeof n === 'string')
            return n;
    }
    return type(v);
}
//# sourceMappingURL=meta.js.map