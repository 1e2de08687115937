// Turning a compiled chunk (JavaScript text) into a Lua function bound to an _ENV table.
import { FUNCTION_HEADER_LINES, chunkSourceURL, registerChunk } from './error.js';
import { RT, RT_NAMES } from './helpers.js';
import { LFloat } from './value.js';
const factories = new WeakMap();
/** Evaluate the chunk's JavaScript once per CompiledScript; each call of the factory makes a fresh main function. */
export function chunkFactory(script) {
    let f = factories.get(script);
    if (f !== undefined)
        return f;
    const id = registerChunk({
        name: script.chunkName,
        sites: new Map(script.sites),
        lines: new Map(script.lines),
        lineOffset: FUNCTION_HEADER_LINES + 1,
    });
    const consts = script.constants.map(([name, v]) => `${name} = new rt.LFloat(${Object.is(v, -0) ? '-0' : v})`);
    const header = `"use strict"; const {${RT_NAMES.join(', ')}} = rt;${consts.length ? ` const ${consts.join(', ')};` : ''}`;
    const body = `${header}\n${script.js}\n//# sourceURL=${chunkSourceURL(id)}`;
    f = new Function('rt', body)({ ...RT, LFloat });
    factories.set(script, f);
    return f;
}
//# sourceMappingURL=chunk.js.map