// ESTree → JavaScript text (astring), recording where every call with a `site` lands in the output.
//
// V8 reports a frame's position as the start of the callee for `f(x)` and as the opening parenthesis of
// the arguments for `(expr)(x)`; both positions of every call are recorded, so an error raised anywhere
// below a call maps back to that call's Lua line and operand names (runtime/error.ts).
import { GENERATOR, generate } from 'astring';
const NEEDS_PARENS = 17;
export function generateJs(program) {
    const sites = new Map();
    const lines = new Map();
    const record = (state, site) => {
        sites.set(state.line * 65536 + state.column, site);
        if (!lines.has(state.line))
            lines.set(state.line, site.line);
    };
    const base = GENERATOR;
    const generator = Object.assign({}, base, {
        CallExpression(node, state) {
            const calleePrec = state.expressionsPrecedence[node.callee.type];
            const paren = calleePrec === NEEDS_PARENS || calleePrec < state.expressionsPrecedence.CallExpression;
            if (node.site)
                record(state, node.site);
            if (paren)
                state.write('(');
            if (node.site && !paren)
                record(state, node.site);
            this[node.callee.type](node.callee, state);
            if (paren)
                state.write(')');
            if (node.site)
                record(state, node.site);
            state.write('(');
            const args = node.arguments;
            for (let i = 0; i < args.length; i++) {
                if (i > 0)
                    state.write(', ');
                this[args[i].type](args[i], state);
            }
            state.write(')');
        },
    });
    const sourceMap = { addMapping() { } }; // makes astring track line/column
    const code = generate(program, { generator, sourceMap: sourceMap, indent: ' ', lineEnd: '\n' });
    return { code, sites, lines };
}
//# sourceMappingURL=codegen.js.map