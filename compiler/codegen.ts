// ESTree → JavaScript text (astring), recording where every call with a `site` lands in the output.
//
// V8 reports a frame's position as the start of the callee for `f(x)` and as the opening parenthesis of
// the arguments for `(expr)(x)`; both positions of every call are recorded, so an error raised anywhere
// below a call maps back to that call's Lua line and operand names (runtime/error.ts).

import { GENERATOR, generate } from 'astring';
import type { Node, SiteInfo } from './estree.js';

export interface Generated {
  code: string;
  /** generatedLine * 65536 + generatedColumn → site */
  sites: Map<number, SiteInfo>;
  /** generated line → Lua line of the last site seen on it (fallback for unmapped positions) */
  lines: Map<number, number>;
}

const NEEDS_PARENS = 17;

export function generateJs(program: Node): Generated {
  const sites = new Map<number, SiteInfo>();
  const lines = new Map<number, number>();
  // the output position, kept here rather than by astring's source-map tracking (a call per piece)
  let line = 1;
  let column = 0;
  const record = (site: SiteInfo): void => {
    sites.set(line * 65536 + column, site);
    if (!lines.has(line)) lines.set(line, site.line);
  };
  const base: any = GENERATOR;
  const generator = Object.assign({}, base, {
    CallExpression(this: any, node: Node, state: any) {
      const calleePrec = state.expressionsPrecedence[node.callee.type];
      const paren = calleePrec === NEEDS_PARENS || calleePrec < state.expressionsPrecedence.CallExpression;
      if (node.site) record(node.site);
      if (paren) state.write('(');
      this[node.callee.type](node.callee, state);
      if (paren) state.write(')');
      if (node.site) record(node.site);
      state.write('(');
      const args = node.arguments;
      for (let i = 0; i < args.length; i++) {
        if (i > 0) state.write(', ');
        this[args[i].type](args[i], state);
      }
      state.write(')');
    },
    Literal(node: Node, state: any) {
      state.write(node.raw ?? JSON.stringify(node.value));
    },
  });
  // astring's own `output += piece` builds a rope of ~60k nodes per 1,000 lines; pieces are joined in
  // flat blocks instead, through one small reused buffer
  const buf: string[] = Array.from({ length: 4096 }, () => ''); // packed: join's fast path
  const blocks: string[] = [];
  let n = 0;
  const output = {
    write(piece: string): void {
      buf[n++] = piece;
      if (n === buf.length) {
        blocks.push(buf.join(''));
        n = 0;
      }
      // astring writes each line break as the last character of a piece
      if (piece.charCodeAt(piece.length - 1) === 10) {
        line++;
        column = 0;
      } else column += piece.length;
    },
  };
  generate(program, { generator, output, indent: ' ', lineEnd: '\n' } as any);
  blocks.push(buf.slice(0, n).join(''));
  return { code: blocks.join(''), sites, lines };
}
