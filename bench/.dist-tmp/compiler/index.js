// The compiler's public face: Lua source → JavaScript text plus the tables that map errors back to Lua.
//   source text → parse (luaparse + 5.4 extras) → resolve (scopes) → analyse (suspension) → emit (ESTree) → codegen (astring)
import { analyseSuspension, DEFAULT_SUSPEND_NAMES } from './analyse.js';
import { generateJs } from './codegen.js';
import { emitChunk } from './emit.js';
import { parse, LuaSyntaxError } from './parse.js';
import { resolve } from './resolve.js';
export { LuaSyntaxError };
/** Source is a byte string (Lua strings are bytes); JS text with chars above 0xFF is taken as UTF-8. */
export function compile(source, opts = {}) {
    const chunkName = opts.chunkName ?? '?';
    if (/[^\x00-\xff]/.test(source))
        source = Buffer.from(source, 'utf8').toString('latin1');
    if (source.charCodeAt(0) === 35)
        source = '--' + source; // skip a first line starting with '#' (shebang)
    const parsed = parse(source, chunkName);
    const res = resolve(parsed.ast, parsed.attribs, chunkName);
    analyseSuspension(res, parsed.source, opts.suspendNames ?? DEFAULT_SUSPEND_NAMES);
    const { program, constants } = emitChunk(res, parsed.source, chunkName);
    const gen = generateJs(program);
    return {
        chunkName,
        js: gen.code,
        sites: [...gen.sites],
        lines: [...gen.lines],
        constants: [...constants],
        suspends: res.main.suspends,
    };
}
//# sourceMappingURL=index.js.map