// Lua AST (resolved and analysed) → ESTree.
//
// Conventions of the generated code (see runtime/value.ts for the value model):
//  - a call returns its first result, or a Multi for 0 or >= 2 results; single-value contexts take first();
//  - locals are JS `let`s named `name$N`; globals are fields of the _ENV local (`ENV` for the chunk);
//  - functions that may suspend are generators wrapped by mkG(); inside them, calls to callees that may
//    suspend yield a PendingCall to the flat driver (runtime/suspend.ts) instead of nesting generators;
//  - every helper call and Lua call carries a `site` (Lua line + operand names) for error messages.

import * as E from './estree.js';
import type { Node, SiteInfo } from './estree.js';
import type { FuncInfo, Resolution, VarInfo } from './resolve.js';
import { LuaSyntaxError, stringValue } from './parse.js';
import { hexFloat } from '../runtime/number.js';

const ARITH: Record<string, string> = {
  '+': 'add', '-': 'sub', '*': 'mul', '/': 'div', '%': 'mod', '^': 'pow', '//': 'idiv',
  '&': 'band', '|': 'bor', '~': 'bxor', '<<': 'shl', '>>': 'shr', '..': 'concat',
};
const COMPARE: Record<string, string> = { '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge' };

export interface EmitResult {
  program: Node;
  /** integral float constants hoisted to chunk level: name → value */
  constants: Map<string, number>;
}

interface LabelTarget {
  lblVar: string;
  smLabel: string;
  index: number;
  /** the block's stack of to-be-closed values, and how many of them are declared before the label */
  tbc?: { stack: string; keep: number };
}

export function emitChunk(res: Resolution, source: string, chunkName: string): EmitResult {
  const constants = new Map<string, number>();
  const L = res.lines;
  const constNames = new Map<string, string>();
  let uid = 0;

  const floatConst = (n: number): Node => {
    const key = Object.is(n, -0) ? '-0' : String(n);
    let name = constNames.get(key);
    if (name === undefined) {
      name = `$K${constNames.size}`;
      constNames.set(key, name);
      constants.set(name, n);
    }
    return E.id(name);
  };

  class FnEmitter {
    temps: string[] = [];
    /**
     * Temps serve one statement: when it is emitted they go back to the pool for the next ones (fewer
     * JS locals: smaller frames, and smaller suspended generators, which keep all of theirs).
     */
    usedTemps: string[] = [];
    freeTemps: string[] = [];
    labels: Map<string, LabelTarget>[] = [];
    loopLabels: string[] = [];
    closeDepth = 0;
    tailLabel: string | undefined;
    tailParams: string[] = [];
    /** emitting the fallback of a float tree: no nested float trees there */
    inFloatFallback = false;
    constructor(readonly fi: FuncInfo) {}

    get gen(): boolean {
      return this.fi.suspends;
    }

    temp(): string {
      let t = this.freeTemps.pop();
      if (t === undefined) {
        t = `$${++uid}`;
        this.temps.push(t);
      }
      this.usedTemps.push(t);
      return t;
    }

    // ---------- descriptions for error messages ----------

    desc(e: Node): string | undefined {
      if (e.type === 'Identifier') {
        const v: VarInfo | undefined = e.$var;
        if (v === undefined) return `global '${e.name}'`;
        return v.fn === this.fi ? `local '${e.name}'` : `upvalue '${e.name}'`;
      }
      // a constant key of a table named _ENV is a "global" (ldebug.c's isEnv)
      const onEnv = e.base?.type === 'Identifier' && e.base.name === '_ENV';
      if (e.type === 'MemberExpression') return `${e.indexer === ':' ? 'method' : onEnv ? 'global' : 'field'} '${e.identifier.name}'`;
      if (e.type === 'IndexExpression') {
        if (e.index.type === 'StringLiteral') return `${onEnv ? 'global' : 'field'} '${stringValue(e.index)}'`;
        // Lua 5.4 names t[1]..t[255] "integer index" and other non-constant keys "?"
        if (e.index.type === 'NumericLiteral' && /^\d+$/.test(e.index.raw) && +e.index.raw <= 255) return `field 'integer index'`;
        return `field '?'`;
      }
      if (e.type === 'StringLiteral') return `constant '${stringValue(e)}'`;
      return undefined;
    }

    envDesc(env: VarInfo): string {
      return env.fn === this.fi && env.js !== 'ENV' ? `local '_ENV'` : `upvalue '_ENV'`;
    }

    site(line: number, ...desc: (string | undefined)[]): SiteInfo {
      return desc.some((d) => d !== undefined) ? { line, desc } : { line };
    }

    /**
     * A helper call that may run a metamethod. In generator code, a metamethod that may suspend is
     * not run by the helper: it returns NEEDG and the pending call runs on the driver (runtime/meta.ts).
     */
    meta(helperCall: Node): Node {
      if (!this.gen) return helperCall;
      const r = E.id(this.temp());
      const p = E.id(this.temp());
      const gm = E.member(E.id('GM'), 'on');
      return E.seq([
        E.assign(gm, E.lit(true)),
        E.assign(r, helperCall),
        E.assign(gm, E.lit(false)),
        E.cond(
          E.bin('===', r, E.id('NEEDG')),
          E.seq([E.assign(p, E.helper('takePending', [])), E.callExpr(E.member(p, 'post'), [E.yieldExpr(E.member(p, 'call'))])]),
          r,
        ),
      ]);
    }

    // ---------- expressions ----------

    /** Expression producing exactly one Lua value. */
    exp1(e: Node): Node {
      if (e.$leafTemp !== undefined) return E.id(e.$leafTemp);
      switch (e.type) {
        case 'CallExpression':
        case 'StringCallExpression':
        case 'TableCallExpression':
          return this.firstOf(this.callRaw(e));
        case 'VarargLiteral':
          return E.cmember(E.id('$va'), E.lit(0));
      }
      return this.expr(e);
    }

    /** The first result of a call: `(t = call) instanceof Multi ? t.v[0] : t`. */
    firstOf(callE: Node): Node {
      const t = E.id(this.temp());
      return E.cond(E.bin('instanceof', E.assign(t, callE), E.id('Multi')), E.cmember(E.member(t, 'v'), E.lit(0)), t);
    }

    /** Expression whose value may be a Multi (calls, varargs), used where all results are wanted. */
    expMulti(e: Node): Node {
      if (this.isMulti(e)) {
        if (e.type === 'VarargLiteral') return E.helper('results', [E.id('$va')]);
        return this.callRaw(e);
      }
      return this.exp1(e);
    }

    /**
     * A multi-value expression in tail position of a list, not wrapped in parentheses (luaparse drops
     * them, but `(f())` truncates: count them in the source around the node; the sole argument of a
     * call sits inside the call's own parentheses).
     */
    isMulti(e: Node, soleCallArg = false): boolean {
      if (!(e.type === 'CallExpression' || e.type === 'StringCallExpression' || e.type === 'TableCallExpression' || e.type === 'VarargLiteral')) return false;
      return parenCount(source, e) - (soleCallArg ? 1 : 0) <= 0;
    }

    /** Array elements for an expression list, spreading a trailing multi-value expression. */
    listElements(list: Node[], callArgs = false): Node[] {
      return list.map((e, i) => {
        if (i === list.length - 1 && this.isMulti(e, callArgs && list.length === 1)) {
          if (e.type === 'VarargLiteral') return E.spread(E.id('$va'));
          return E.spread(E.helper('all', [this.callRaw(e)]));
        }
        return this.exp1(e);
      });
    }

    expr(e: Node): Node {
      if (e.$leafTemp !== undefined) return E.id(e.$leafTemp);
      switch (e.type) {
        case 'NilLiteral':
          return E.undef();
        case 'BooleanLiteral':
          return E.lit(e.value);
        case 'StringLiteral':
          return E.lit(stringValue(e));
        case 'NumericLiteral':
          return this.number(e);
        case 'VarargLiteral':
          return E.cmember(E.id('$va'), E.lit(0));
        case 'Identifier':
          return this.name(e);
        case 'FunctionDeclaration':
          return this.functionExpr(e.$fn);
        case 'TableConstructorExpression':
          return this.table(e);
        case 'MemberExpression':
          return this.indexConst(this.exp1(e.base), e.identifier.name, this.site(L.startLine(e.identifier), this.desc(e.base)));
        case 'IndexExpression':
          return this.indexExpr(e);
        case 'CallExpression':
        case 'StringCallExpression':
        case 'TableCallExpression':
          return this.firstOf(this.callRaw(e));
        case 'UnaryExpression':
          return this.unary(e);
        case 'BinaryExpression':
          return this.binary(e);
        case 'LogicalExpression':
          return this.logical(e);
      }
      throw new Error(`emit: unexpected expression ${e.type}`);
    }

    number(e: Node): Node {
      const v = numericValue(e.raw);
      if (typeof v === 'bigint') return E.bigLit(v);
      if (v.float) {
        if (!Number.isFinite(v.n)) return Number.isNaN(v.n) ? E.id('NaN') : v.n > 0 ? E.id('Infinity') : E.bin('-', E.lit(0), E.id('Infinity'));
        return Number.isInteger(v.n) ? floatConst(v.n) : E.lit(v.n);
      }
      return E.lit(v.n);
    }

    name(e: Node): Node {
      const v: VarInfo | undefined = e.$var;
      if (v !== undefined) {
        const n = E.id(v.js);
        if (v.safeInt) n.$int = true; // see fastBinary
        return n;
      }
      const env: VarInfo = e.$env;
      return this.indexConst(E.id(env.js), e.name, this.site(L.startLine(e), this.envDesc(env)));
    }

    /** o[k] for a constant string key: inline raw hit (per-site inline cache), helper on a miss. */
    indexConst(obj: Node, key: string, site: SiteInfo): Node {
      // "constructor" is inherited by every string dict (see runtime/value.ts): only the helper reads it
      if (key === 'constructor') return this.meta(E.helper('indexS', [obj, E.lit(key)], site));
      const o = obj.type === 'Identifier' ? obj : E.id(this.temp());
      const v = E.id(this.temp());
      const test = E.logical(
        '&&',
        E.bin('instanceof', obj.type === 'Identifier' ? o : E.assign(o, obj), E.id('LuaTable')),
        E.bin('!==', E.assign(v, E.cmember(E.member(o, 's'), E.lit(key))), E.undef()),
      );
      return E.cond(test, v, this.meta(E.helper('indexS', [o, E.lit(key)], site)));
    }

    /**
     * obj:name lookup: the object's own field, else the class pattern (metatable whose __index is a table
     * holding the method), both inline so each site has its own inline caches; the rest in indexS.
     */
    methodLookup(o: Node, key: string, site: SiteInfo): Node {
      if (key === 'constructor') return this.meta(E.helper('indexS', [o, E.lit(key)], site));
      const v = E.id(this.temp());
      const mt = E.id(this.temp());
      const h = E.id(this.temp());
      const hit = (t: Node): Node => E.bin('!==', E.assign(v, E.cmember(E.member(t, 's'), E.lit(key))), E.undef());
      // one step up the class chain after a miss in t (final only if t keeps no keys in its Map, sm):
      // t's metatable's __index table, and the key there (or `further`)
      const up = (t: Node, further: Node | undefined): Node => {
        const step = E.logical(
          '&&',
          E.logical('&&', E.bin('===', E.member(t, 'sm'), E.undef()), E.bin('!==', E.assign(mt, E.member(t, 'mt')), E.undef())),
          E.bin('instanceof', E.assign(h, E.member(E.member(mt, 's'), '__index')), E.id('LuaTable')),
        );
        return E.logical('&&', step, further === undefined ? hit(h) : E.logical('||', hit(h), further));
      };
      // the object, its class and two superclasses inline (each load its own inline cache); deeper: indexS
      const test = E.logical('&&', E.bin('instanceof', o, E.id('LuaTable')), E.logical('||', hit(o), up(o, up(h, up(h, undefined)))));
      return E.cond(test, v, this.meta(E.helper('indexS', [o, E.lit(key)], site)));
    }

    indexExpr(e: Node): Node {
      const site = this.site(L.startLine(e.index), this.desc(e.base));
      if (e.index.type === 'StringLiteral') return this.indexConst(this.exp1(e.base), stringValue(e.index), site);
      const objE = this.exp1(e.base);
      const keyE = this.exp1(e.index);
      const o = objE.type === 'Identifier' ? objE : E.id(this.temp());
      const k = keyE.type === 'Identifier' || keyE.type === 'Literal' ? keyE : E.id(this.temp());
      const v = E.id(this.temp());
      const pre: Node[] = [];
      if (o !== objE) pre.push(E.assign(o, objE));
      if (k !== keyE) pre.push(E.assign(k, keyE));
      // array fast path: t[i] with i inside the array part
      const test = E.logical(
        '&&',
        this.numberKeyedTable(o, k, keyE),
        E.bin('!==', E.assign(v, E.cmember(E.member(o, 'a'), E.bin('-', k, E.lit(1)))), E.undef()),
      );
      return E.seq([...pre, E.cond(test, v, this.meta(E.helper('index', [o, k], site)))]);
    }

    /** `o` is a table and `k` a JS number (known already for a for loop's integer variable, keyE). */
    numberKeyedTable(o: Node, k: Node, keyE: Node): Node {
      const isTable = E.bin('instanceof', o, E.id('LuaTable'));
      return keyE.$int ? isTable : E.logical('&&', isTable, E.bin('===', E.un('typeof', k), E.lit('number')));
    }

    unary(e: Node): Node {
      const line = L.startLine(e);
      switch (e.operator) {
        case 'not':
          return E.not(this.cond(e.argument));
        case '-': {
          if (e.argument.type === 'NumericLiteral') {
            const v = numericValue(e.argument.raw);
            if (typeof v === 'bigint') return bigOrNum(BigInt.asIntN(64, -v));
            if (!v.float) return bigOrNum(BigInt.asIntN(64, -BigInt(v.n)));
            const n = -v.n;
            if (!Number.isFinite(n)) return n > 0 ? E.id('Infinity') : E.bin('-', E.lit(0), E.id('Infinity'));
            return Number.isInteger(n) ? floatConst(n) : E.lit(n);
          }
          const [pre, a] = this.operands(this.exp1(e.argument), E.lit(0));
          const slow = this.meta(E.helper('unm', [a], this.site(line, this.desc(e.argument))));
          return E.seq([...pre, E.cond(E.logical('&&', E.bin('===', E.un('typeof', a), E.lit('number')), E.bin('!==', a, E.lit(0))), E.un('-', a), slow)]);
        }
        case '#': {
          // a table without a metatable and a non-empty array part: its length is the array's (the
          // array part never ends in nil); strings, the hash part, __len: the helper
          const arg = this.exp1(e.argument);
          const o = arg.type === 'Identifier' ? arg : E.id(this.temp());
          const n = E.id(this.temp());
          const slow = this.meta(E.helper('len', [o], this.site(line, this.desc(e.argument))));
          const fast = E.logical(
            '&&',
            E.logical('&&', E.bin('instanceof', o === arg ? o : E.assign(o, arg), E.id('LuaTable')), E.bin('===', E.member(o, 'mt'), E.undef())),
            E.bin('>', E.assign(n, E.member(E.member(o, 'a'), 'length')), E.lit(0)),
          );
          return E.cond(fast, n, slow);
        }
        case '~':
          return this.meta(E.helper('bnot', [this.exp1(e.argument)], this.site(line, this.desc(e.argument))));
      }
      throw new Error(`emit: unary ${e.operator}`);
    }

    binary(e: Node): Node {
      const op = e.operator;
      // Lua reports an arithmetic error at the operator's line, a comparison at its right operand's end
      const line = COMPARE[e.operator] ? L.endLine(e.right) : L.opLine(e.left);
      if (!this.inFloatFallback && floatOps(e) >= 2) return this.floatTree(e);
      if (op === '==' || op === '~=') {
        const t = this.equality(e.left, e.right);
        return op === '==' ? t : E.not(t);
      }
      const fn = COMPARE[op] ?? ARITH[op];
      if (!fn) throw new Error(`emit: binary ${op}`);
      const [pre, a, b] = this.operands(this.exp1(e.left), this.exp1(e.right));
      const slow = this.meta(
        E.helper(fn, [a, b], COMPARE[op] ? this.site(line) : this.site(line, this.desc(e.left), this.desc(e.right))),
      );
      // two literals: leave it to the helper at run time (V8 would fold 0/0 into a NaN of the other sign)
      if (a.type === 'Literal' && b.type === 'Literal') return E.seq([...pre, slow]);
      return E.seq([...pre, this.fastBinary(op, a, b, slow)]);
    }

    /**
     * An arithmetic tree whose every operation has a float operand (a float literal, or a `/` or `^`, or
     * such a subtree) yields a float whenever its leaves are numbers: compute it on raw doubles and box
     * only the result (no LFloat for integral intermediates). Leaves are evaluated once, in order; when
     * one is not a JS number, the same tree runs through the ordinary helpers on those values.
     */
    floatTree(e: Node): Node {
      // Lua evaluates the tree in post-order: an operation on a non-number (error, metamethod) happens
      // before the leaves to its right. A leaf after an operation that could observe this (a call, an
      // index, a global) is evaluated only once the leaves before it are known to be numbers; else the
      // fallback runs from there, evaluating that leaf and the rest in Lua's order.
      if (floatTreeCopiesFunction(e)) {
        // (a leaf emitted in two branches must not hold a function body)
        this.inFloatFallback = true;
        try {
          return this.binary(e);
        } finally {
          this.inFloatFallback = false;
        }
      }
      const steps: { t: string; pre: Node; guard: Node; node: Node; checkBefore: boolean }[] = [];
      let ops = 0;
      const raw = (n: Node): Node => {
        if (isFloatNode(n)) {
          if (n.type === 'NumericLiteral') {
            const v = numericValue(n.raw) as { n: number };
            return Number.isFinite(v.n) ? E.lit(v.n) : v.n > 0 ? E.id('Infinity') : E.un('-', E.id('Infinity'));
          }
          if (n.type === 'UnaryExpression') {
            const a = raw(n.argument);
            ops++;
            return E.un('-', a);
          }
          const a = raw(n.left), b = raw(n.right);
          ops++;
          if (n.operator === '^') return E.helper('powf', [a, b]);
          return E.bin(n.operator, a, b);
        }
        // a leaf: evaluate into a temp now (in source order), require a JS number at run time
        if (n.type === 'NumericLiteral' && !/[.eEpPxX]/.test(n.raw) && Math.abs(Number(n.raw)) < 2 ** 53) return E.lit(Number(n.raw));
        const t = this.temp();
        steps.push({ t, pre: E.assign(E.id(t), this.exp1(n)), guard: E.bin('===', E.un('typeof', E.id(t)), E.lit('number')), node: n, checkBefore: ops > 0 && !isQuietLeaf(n) });
        return E.id(t);
      };
      const fast = raw(e);
      // the fallback: the same tree, its first k leaves read from their temps
      const slow = (k: number): Node => {
        steps.forEach((st, i) => (st.node.$leaf = i < k ? st.t : undefined));
        return withLeavesAsTemps(e, () => {
          this.inFloatFallback = true;
          try {
            return this.exp1(e);
          } finally {
            this.inFloatFallback = false;
          }
        });
      };
      const r = E.id(this.temp());
      const boxed = E.cond(E.callExpr(E.member(E.id('Number'), 'isInteger'), [E.assign(r, fast)]), E.helper('boxFloat', [r]), r);
      const all = (from: number, to: number): Node => {
        const gs = steps.slice(from, to).map((st) => st.guard);
        return gs.length === 0 ? E.lit(true) : gs.reduce((p, c) => E.logical('&&', p, c));
      };
      // leaves [from, n) remain, the guards of leaves [checked, from) are still to be tested
      const build = (from: number, checked: number): Node => {
        let u = from + 1;
        while (u < steps.length && !steps[u].checkBefore) u++;
        const pre = steps.slice(from, u).map((st) => st.pre);
        if (u >= steps.length) return E.seq([...pre, E.cond(all(checked, steps.length), boxed, slow(steps.length))]);
        return E.seq([...pre, E.cond(all(checked, u), build(u, u), slow(u))]);
      };
      if (steps.length === 0) return boxed;
      return build(0, 0);
    }

    /** Evaluate two operands once, in order: identifiers and literals as they are, others into temps. */
    operands(a: Node, b: Node): [Node[], Node, Node] {
      const pre: Node[] = [];
      const hold = (x: Node): Node => {
        if (x.type === 'Identifier' || x.type === 'Literal' || (x.type === 'UnaryExpression' && x.argument.type === 'Literal')) return x;
        const t = E.id(this.temp());
        pre.push(E.assign(t, x));
        return t;
      };
      const ha = hold(a);
      return [pre, ha, hold(b)];
    }

    /**
     * The arithmetic and comparison fast paths, inline (V8's inlining budget runs out in arithmetic-heavy
     * functions): two JS numbers that give a result of the right subtype are computed here; everything
     * else (integral float results that need boxing, int64 overflow, strings, metamethods) goes to `slow`.
     */
    fastBinary(op: string, a: Node, b: Node, slow: Node): Node {
      const lit = (x: Node): number | undefined =>
        x.type === 'Literal' && typeof x.value === 'number' ? x.value : x.type === 'UnaryExpression' && x.operator === '-' && x.argument.type === 'Literal' && typeof x.argument.value === 'number' ? -x.argument.value : undefined;
      const isNum = (x: Node): Node | undefined => (lit(x) !== undefined || x.$int ? undefined : E.bin('===', E.un('typeof', x), E.lit('number')));
      // an integer below 2^52: a for loop's variable, or a literal (sums and differences of two stay exact)
      const safeInt = (x: Node): boolean => x.$int === true || (lit(x) !== undefined && Number.isInteger(lit(x)) && Math.abs(lit(x)!) < 2 ** 52);
      const isI32 = (x: Node): Node | undefined => {
        const v = lit(x);
        if (v !== undefined) return (v | 0) === v ? undefined : E.lit(false);
        return E.bin('===', E.bin('|', x, E.lit(0)), x);
      };
      const and = (...xs: (Node | undefined)[]): Node => {
        const ys = xs.filter((x): x is Node => x !== undefined);
        return ys.length === 0 ? E.lit(true) : ys.reduce((p, c) => E.logical('&&', p, c));
      };
      const notInt = (x: Node): Node => E.not(E.callExpr(E.member(E.id('Number'), 'isInteger'), [x]));
      // the fast form under its run-time condition, or alone when the compiler proved the condition
      const guarded = (cond: Node, fast: Node): Node => (cond.type === 'Literal' && cond.value === true ? fast : E.cond(cond, fast, slow));
      const numbers = and(isNum(a), isNum(b));
      switch (op) {
        case '+':
        case '-': {
          const r = E.bin(op, a, b);
          if (safeInt(a) && safeInt(b)) return r;
          return E.cond(E.logical('&&', numbers, E.logical('||', and(isI32(a), isI32(b)), notInt(E.bin(op, a, b)))), r, slow);
        }
        case '*': {
          const t = E.id(this.temp());
          const intOk = and(isI32(a), isI32(b), E.bin('<=', t, E.lit(9007199254740991)), E.bin('>=', t, E.lit(-9007199254740991)));
          return E.cond(E.logical('&&', numbers, E.logical('||', notInt(E.assign(t, E.bin('*', a, b))), intOk)), E.bin('+', t, E.lit(0)), slow);
        }
        case '/': {
          const t = E.id(this.temp());
          return E.cond(E.logical('&&', numbers, notInt(E.assign(t, E.bin('/', a, b)))), t, slow);
        }
        case '%': {
          // int32 % positive int32: Lua's sign rule is "result has the divisor's sign"
          const t = E.id(this.temp());
          const bPos = lit(b) !== undefined ? (lit(b)! > 0 && (lit(b)! | 0) === lit(b) ? undefined : E.lit(false)) : E.logical('&&', E.bin('>', b, E.lit(0)), isI32(b)!);
          // (% on integral doubles is exact: a safe integer need not be int32)
          const cond = and(isNum(a), isNum(b), a.$int ? undefined : isI32(a), bPos);
          return guarded(cond, E.cond(E.bin('<', E.assign(t, E.bin('%', a, b)), E.lit(0)), E.bin('+', t, b), E.bin('+', t, E.lit(0))));
        }
        case '//': {
          // int32 (or safe integer) // nonzero int32: the floor of the double quotient is exact
          const lb = lit(b);
          const bOk = lb !== undefined ? ((lb | 0) === lb && lb !== 0 ? undefined : E.lit(false)) : E.logical('&&', isI32(b)!, E.bin('!==', b, E.lit(0)));
          const cond = and(isNum(a), isNum(b), a.$int ? undefined : isI32(a), bOk);
          return guarded(cond, E.bin('+', E.callExpr(E.member(E.id('Math'), 'floor'), [E.bin('/', a, b)]), E.lit(0)));
        }
        case '<':
        case '<=':
        case '>':
        case '>=':
          return guarded(numbers, E.bin(op, a, b));
        case '..': {
          // a safe integer converts as Lua's %d does (JS writes it in plain digits); JS `+` joins
          // strings when one side is a string, so two integers are joined onto ""
          if (safeInt(a) && safeInt(b)) return E.bin('+', E.bin('+', E.lit(''), a), b);
          const isStr = (x: Node): Node | undefined => (safeInt(x) ? undefined : E.bin('===', E.un('typeof', x), E.lit('string')));
          return guarded(and(isStr(a), isStr(b)), E.bin('+', a, b));
        }
      }
      return slow;
    }

    equality(l: Node, r: Node): Node {
      const simple = (x: Node) => x.type === 'StringLiteral' || x.type === 'NilLiteral' || x.type === 'BooleanLiteral';
      if (simple(l) || simple(r)) return E.bin('===', this.exp1(l), this.exp1(r));
      const [pre, a, b] = this.operands(this.exp1(l), this.exp1(r));
      // identical values are equal; values of one primitive type that differ are not; the rest asks eq()
      const slow = this.meta(E.helper('eq', [a, b], this.site(L.endLine(l))));
      const maybe = E.logical('||', E.bin('!==', E.un('typeof', a), E.un('typeof', b)), E.bin('===', E.un('typeof', a), E.lit('object')));
      return E.seq([...pre, E.logical('||', E.bin('===', a, b), E.logical('&&', maybe, slow))]);
    }

    logical(e: Node): Node {
      const t = E.id(this.temp());
      const left = this.exp1(e.left);
      const isFalsy = E.logical('||', E.bin('===', E.assign(t, left), E.undef()), E.bin('===', t, E.lit(false)));
      if (e.operator === 'and') return E.cond(isFalsy, t, this.exp1(e.right));
      return E.cond(isFalsy, this.exp1(e.right), t);
    }

    /** An expression as a JS boolean (Lua truthiness). */
    cond(e: Node): Node {
      switch (e.type) {
        case 'BooleanLiteral':
          return E.lit(e.value);
        case 'NilLiteral':
          return E.lit(false);
        case 'UnaryExpression':
          if (e.operator === 'not') return E.not(this.cond(e.argument));
          break;
        case 'LogicalExpression':
          return E.logical(e.operator === 'and' ? '&&' : '||', this.cond(e.left), this.cond(e.right));
        case 'BinaryExpression':
          if (e.operator === '==' || e.operator === '~=' || COMPARE[e.operator]) return this.binary(e);
          break;
      }
      const v = this.exp1(e);
      if (v.type === 'Identifier') return E.logical('&&', E.bin('!==', v, E.undef()), E.bin('!==', v, E.lit(false)));
      return E.helper('truthy', [v]);
    }

    // ---------- tables ----------

    table(e: Node): Node {
      const fields = e.fields;
      if (fields.length === 0) return E.newExpr(E.id('LuaTable'), []);
      const positional = fields.filter((f: Node) => f.type === 'TableValue');
      if (positional.length === fields.length) {
        const elems = this.listElements(positional.map((f: Node) => f.value));
        return E.newExpr(E.id('LuaTable'), [E.arr(elems)]);
      }
      const t = E.id(this.temp());
      const parts: Node[] = [];
      const hasStrKeys = fields.some((f: Node) => f.type === 'TableKeyString');
      parts.push(E.assign(t, E.helper(hasStrKeys ? 'newrec' : 'newtable', [])));
      let s: Node | undefined;
      if (hasStrKeys) {
        s = E.id(this.temp());
        parts.push(E.assign(s, E.member(t, 's')));
      }
      const pos: Node[] = [];
      fields.forEach((f: Node, i: number) => {
        if (f.type === 'TableKeyString') {
          parts.push(E.assign(E.cmember(s!, E.lit(f.key.name)), this.exp1(f.value)));
        } else if (f.type === 'TableKey') {
          parts.push(E.helper('rawsetChecked', [t, this.exp1(f.key), this.exp1(f.value)], this.site(L.startLine(f))));
        } else {
          const last = i === fields.length - 1;
          if (last && this.isMulti(f.value)) {
            pos.push(f.value.type === 'VarargLiteral' ? E.spread(E.id('$va')) : E.spread(E.helper('all', [this.callRaw(f.value)])));
          } else {
            const tv = E.id(this.temp());
            parts.push(E.assign(tv, this.exp1(f.value)));
            pos.push(tv);
          }
        }
      });
      if (pos.length > 0) parts.push(E.helper('setlist', [t, E.arr(pos)]));
      parts.push(t);
      return E.seq(parts);
    }

    // ---------- calls ----------

    /** A call; the result may be a Multi. */
    callRaw(e: Node): Node {
      const args: Node[] = e.type === 'CallExpression' ? e.arguments : [e.argument ?? e.arguments];
      const line = L.startLine(e);
      const base = e.base;
      if (base.type === 'MemberExpression' && base.indexer === ':') {
        const objE = this.exp1(base.base);
        const o = objE.type === 'Identifier' ? objE : E.id(this.temp());
        const fnE = this.methodLookup(o, base.identifier.name, this.site(L.startLine(base.identifier), this.desc(base.base)));
        const argEls = [o, ...this.listElements(args, e.type === 'CallExpression')];
        const callE = this.invoke(fnE, argEls, this.site(line, `method '${base.identifier.name}'`), undefined);
        return o === objE ? callE : E.seq([E.assign(o, objE), callE]);
      }
      const fnE = this.exp1(base);
      const callee = base.type === 'Identifier' ? (base.$var as VarInfo | undefined) : undefined;
      const known = callee !== undefined && callee.funcNode !== undefined && !callee.reassigned ? (callee.funcNode.$fn as FuncInfo) : undefined;
      return this.invoke(fnE, this.listElements(args, e.type === 'CallExpression'), this.site(line, this.desc(base)), known);
    }

    invoke(fnE: Node, args: Node[], site: SiteInfo, known: FuncInfo | undefined): Node {
      const last = args[args.length - 1];
      if (!this.gen && last?.type === 'SpreadElement' && last.argument.type === 'CallExpression' && last.argument.callee.name === 'all') {
        return this.invokeSpreadingCall(fnE, args, last.argument.arguments[0], site, known);
      }
      if (known !== undefined) {
        if (!this.gen || !known.suspends) return E.callExpr(fnE, args, site);
        // a known generator function: run it on the driver
        return E.yieldExpr(E.newExpr(E.id('PendingCall'), [E.callExpr(E.member(fnE, '$g'), args, site)]));
      }
      if (!this.gen) {
        // (typeof f === 'function' ? f : tocall(f))(args): __call and "attempt to call" in tocall
        const f = fnE.type === 'Identifier' ? fnE : E.id(this.temp());
        const test = E.bin('===', E.un('typeof', fnE.type === 'Identifier' ? f : E.assign(f, fnE)), E.lit('function'));
        return E.callExpr(E.cond(test, f, E.helper('tocall', [f], site)), args, site);
      }
      const r = E.id(this.temp());
      return E.cond(
        E.bin('instanceof', E.assign(r, E.helper('callG', [fnE, ...args], site)), E.id('PendingCall')),
        E.yieldExpr(r),
        r,
      );
    }

    /**
     * f(a, g()): a spread of g's results (`...all(g())`) makes V8 call f generically and never inline it;
     * g returns one value far more often than a Multi, so that case calls f directly. The callee and
     * the leading arguments are evaluated first, in Lua's order.
     */
    invokeSpreadingCall(fnE: Node, args: Node[], inner: Node, site: SiteInfo, known: FuncInfo | undefined): Node {
      const pre: Node[] = [];
      const hold = (e: Node): Node => {
        if (e.type === 'Literal' || (e.type === 'UnaryExpression' && e.argument.type === 'Literal')) return e;
        const t = E.id(this.temp());
        pre.push(E.assign(t, e));
        return t;
      };
      let f: Node;
      if (known !== undefined) f = fnE; // a local function never reassigned
      else {
        const g = fnE.type === 'Identifier' ? fnE : E.id(this.temp());
        const test = E.bin('===', E.un('typeof', fnE.type === 'Identifier' ? g : E.assign(g, fnE)), E.lit('function'));
        f = hold(E.cond(test, g, E.helper('tocall', [g], site)));
      }
      const lead = args.slice(0, -1).map(hold);
      const r = E.id(this.temp());
      pre.push(E.assign(r, inner));
      const spread = E.callExpr(f, [...lead, E.spread(E.member(r, 'v'))], site);
      return E.seq([...pre, E.cond(E.bin('instanceof', r, E.id('Multi')), spread, E.callExpr(f, [...lead, r], site))]);
    }

    // ---------- functions ----------

    functionExpr(fi: FuncInfo): Node {
      const em = new FnEmitter(fi);
      return em.emitFunction();
    }

    emitFunction(): Node {
      const fi = this.fi;
      const node = fi.node;
      const params: Node[] = [];
      const paramVars: VarInfo[] = [];
      if (node.$method) paramVars.push(selfVarOf(node));
      for (const p of node.parameters ?? []) if (p.type !== 'VarargLiteral') paramVars.push(p.$var);
      const useTail = fi.hasSelfTailCall && !fi.isVararg;
      if (useTail) {
        this.tailLabel = `$tail${++uid}`;
        this.tailParams = paramVars.map((v) => `${v.js}$p`);
        for (const p of this.tailParams) params.push(E.id(p));
      } else for (const v of paramVars) params.push(E.id(v.js));
      if (fi.isVararg) params.push(E.rest('$va'));

      const body: Node[] = [this.budgetCheck()];
      let inner = this.block(node.body);
      if (useTail) {
        const rebinding = paramVars.length > 0 ? [E.letDecl(paramVars.map((v, i) => [v.js, E.id(this.tailParams[i])] as [string, Node]))] : [];
        // the loop of self tail calls checks the CPU budget like any loop
        inner = [E.labeled(this.tailLabel!, E.forStmt(null, null, null, E.block([this.budgetCheck(), ...rebinding, ...inner, E.ret(E.id('NONE'))])))];
        body.push(...inner);
      } else {
        body.push(...inner);
        if (!endsWithReturn(inner)) body.push(E.ret(E.id('NONE')));
      }
      if (this.temps.length > 0) body.unshift(E.letDecl(this.temps));
      // a directive naming the function's Lua source range: string.dump finds it with Function#toString
      if (node.range) body.unshift(E.exprStmt(E.lit(`$L:${sourceHash}:${node.range[0]}:${node.range[1]}`)));
      const f = E.fnExpr(params, body, this.gen);
      return this.gen ? E.helper('mkG', [f]) : f;
    }

    // ---------- statements ----------

    block(stats: Node[]): Node[] {
      const labelIdx = stats.map((s, i) => (s.type === 'LabelStatement' ? i : -1)).filter((i) => i >= 0);
      if (labelIdx.length === 0) return this.statements(stats);
      // a state machine: each label starts a case; goto sets the state and restarts the switch
      const lblVar = `$lbl${++uid}`;
      const smLabel = `$sm${++uid}`;
      const lastLabel = labelIdx[labelIdx.length - 1];
      const isClose = (st: Node) => st.type === 'LocalStatement' && st.variables.some((v: Node) => v.$var.attrib === 'close');
      // `<close>` locals declared before a label stay in scope across it: they live on a stack closed at the exit
      const tbcAt = stats.map((st, i) => i < lastLabel && isClose(st));
      const tbcStack = tbcAt.includes(true) ? `$tbc${++uid}` : undefined;
      const targets = new Map<string, LabelTarget>();
      labelIdx.forEach((i, k) => {
        const tbc = tbcStack === undefined ? undefined : { stack: tbcStack, keep: tbcAt.slice(0, i).filter(Boolean).length };
        targets.set(stats[i].label.name, { lblVar, smLabel, index: k + 1, tbc });
      });
      tbcAt.forEach((at, i) => {
        if (at) stats[i].$tbcStack = tbcStack;
      });
      this.labels.push(targets);
      // locals declared before the last label keep their identity across jumps: declare them outside the
      // loop that re-enters the switch (a jump restarts the switch's scope)
      const hoisted: string[] = [];
      for (const st of stats.slice(0, labelIdx[labelIdx.length - 1])) {
        const ids = st.type === 'LocalStatement' ? st.variables : st.type === 'FunctionDeclaration' && st.isLocal ? [st.identifier] : [];
        for (const v of ids) {
          (v.$var as VarInfo).hoisted = true;
          hoisted.push((v.$var as VarInfo).js);
        }
      }
      const cases: { test: Node; body: Node[] }[] = [];
      let start = 0;
      let caseNo = 0;
      if (tbcStack !== undefined) this.closeDepth++;
      for (const i of [...labelIdx, stats.length]) {
        cases.push({ test: E.lit(caseNo), body: this.statements(stats.slice(start, i)) });
        start = i + 1;
        caseNo++;
      }
      if (tbcStack !== undefined) this.closeDepth--;
      this.labels.pop();
      // a goto may loop: the state machine's loop checks the CPU budget
      const machine = E.labeled(smLabel, E.forStmt(null, null, null, E.block([this.budgetCheck(), E.switchStmt(E.id(lblVar), cases), E.breakStmt()])));
      return [
        ...(hoisted.length > 0 ? [E.letDecl(hoisted)] : []),
        E.letDecl([[lblVar, E.lit(0)]]),
        ...(tbcStack === undefined ? [machine] : this.closingAtExit(machine, tbcStack, (stats[tbcAt.indexOf(true)] as Node))),
      ];
    }

    /** `body` run with the to-be-closed values on `stack` closed at its exit (normal, jump or error). */
    closingAtExit(body: Node, stack: string, firstDecl: Node): Node[] {
      const err = `$err${++uid}`;
      return [
        E.letDecl([[stack, E.arr([])], [err, E.id('NOERR')]]),
        E.tryStmt(
          E.block([body]),
          E.catchClause('$e', E.block([E.exprStmt(E.assign(E.id(err), E.id('$e'))), E.throwStmt(E.id('$e'))])),
          E.block([E.exprStmt(E.helper('closeAll', [E.id(stack), E.id(err)], this.site(L.startLine(firstDecl))))]),
        ),
      ];
    }

    statements(stats: Node[]): Node[] {
      const out: Node[] = [];
      for (let i = 0; i < stats.length; i++) {
        const st = stats[i];
        if (st.type === 'LocalStatement' && st.variables.some((v: Node) => v.$var.attrib === 'close')) {
          out.push(...this.local(st));
          const cv = st.variables.find((v: Node) => v.$var.attrib === 'close').$var as VarInfo;
          out.push(E.exprStmt(E.helper('checkClose', [E.id(cv.js), E.lit(cv.name)], this.site(L.startLine(st)))));
          if (st.$tbcStack !== undefined) {
            out.push(E.exprStmt(E.callExpr(E.member(E.id(st.$tbcStack), 'push'), [E.id(cv.js)])));
            continue;
          }
          const err = `$err${++uid}`;
          this.closeDepth++;
          const rest = this.statements(stats.slice(i + 1));
          this.closeDepth--;
          out.push(E.letDecl([[err, E.id('NOERR')]]));
          out.push(
            E.tryStmt(
              E.block(rest),
              E.catchClause('$e', E.block([E.exprStmt(E.assign(E.id(err), E.id('$e'))), E.throwStmt(E.id('$e'))])),
              E.block([E.exprStmt(E.helper('closeVar', [E.id(cv.js), E.id(err)], this.site(L.startLine(st))))]),
            ),
          );
          return out;
        }
        const mark = this.usedTemps.length;
        out.push(...this.stat(st));
        const done = this.usedTemps.splice(mark);
        // a suspended generator keeps all its temps: clear this statement's, so the tables and strings
        // they held do not stay alive until overwritten (a WebSocket script's first messages, for its lifetime)
        if (this.gen && done.length > 0) out.push(E.exprStmt(done.reduceRight<Node>((v, t) => E.assign(E.id(t), v), E.undef())));
        this.freeTemps.push(...done);
      }
      return out;
    }

    stat(st: Node): Node[] {
      switch (st.type) {
        case 'LocalStatement':
          return this.local(st);
        case 'AssignmentStatement':
          return this.assignment(st);
        case 'CallStatement':
          return [E.exprStmt(this.callRaw(st.expression))];
        case 'DoStatement':
          return [E.block(this.block(st.body))];
        case 'IfStatement':
          return [this.ifStat(st.clauses, 0)];
        case 'WhileStatement':
          return this.loop(st.condition, st.body, false);
        case 'RepeatStatement':
          return this.loop(st.condition, st.body, true);
        case 'ForNumericStatement':
          return this.forNum(st);
        case 'ForGenericStatement':
          return this.forIn(st);
        case 'FunctionDeclaration':
          return this.funcStat(st);
        case 'ReturnStatement':
          return this.returnStat(st);
        case 'BreakStatement':
          return [E.breakStmt(this.loopLabels[this.loopLabels.length - 1])];
        case 'GotoStatement':
          return this.gotoStat(st);
        case 'LabelStatement':
          return [];
      }
      throw new Error(`emit: unexpected statement ${st.type}`);
    }

    /** `let v = x`, or `v = x` for a local hoisted out of a goto state machine. */
    declare(vars: VarInfo[], values: Node[] | undefined): Node[] {
      if (vars.every((v) => v.hoisted)) return vars.map((v, i) => E.exprStmt(E.assign(E.id(v.js), values ? values[i] : E.undef())));
      return [E.letDecl(vars.map((v, i) => (values ? ([v.js, values[i]] as [string, Node]) : v.js)))];
    }

    local(st: Node): Node[] {
      const vars: VarInfo[] = st.variables.map((v: Node) => v.$var);
      const init: Node[] = st.init;
      if (vars.some((v) => v.hoisted)) {
        const vals = this.adjust(init, vars.length);
        return vals.pre.concat(this.declare(vars, vals.values));
      }
      if (init.length === 0) return [E.letDecl(vars.map((v) => v.js))];
      if (vars.length === 1 && init.length === 1) return [E.letDecl([[vars[0].js, this.exp1(init[0])]])];
      const vals = this.adjust(init, vars.length);
      return vals.pre.concat([E.letDecl(vars.map((v, i) => [v.js, vals.values[i]] as [string, Node]))]);
    }

    /** Evaluate an expression list into exactly n values (in temps when needed). */
    adjust(list: Node[], n: number): { pre: Node[]; values: Node[] } {
      const pre: Node[] = [];
      const values: Node[] = [];
      list.forEach((e, i) => {
        const last = i === list.length - 1;
        if (last && this.isMulti(e) && n > i) {
          const t = this.temp();
          if (e.type === 'VarargLiteral') pre.push(E.exprStmt(E.assign(E.id(t), E.id('$va'))));
          else pre.push(E.exprStmt(E.assign(E.id(t), E.helper('all', [this.callRaw(e)]))));
          for (let k = i; k < n; k++) values.push(E.cmember(E.id(t), E.lit(k - i)));
          return;
        }
        if (i < n) {
          const t = this.temp();
          pre.push(E.exprStmt(E.assign(E.id(t), this.exp1(e))));
          values.push(E.id(t));
        } else {
          // extra expressions are still evaluated
          pre.push(E.exprStmt(this.isMulti(e) ? this.expMulti(e) : this.exp1(e)));
        }
      });
      while (values.length < n) values.push(E.undef());
      return { pre, values };
    }

    assignment(st: Node): Node[] {
      const targets: Node[] = st.variables;
      if (targets.length === 1 && st.init.length === 1) return [E.exprStmt(this.assignTo(targets[0], this.exp1(st.init[0])))];
      // evaluate table/key expressions of the targets, then the values, then assign right to left
      const pre: Node[] = [];
      const prepared = targets.map((t) => {
        if (t.type === 'Identifier') return { t };
        const o = this.temp();
        pre.push(E.exprStmt(E.assign(E.id(o), this.exp1(t.base))));
        if (t.type === 'IndexExpression' && t.index.type !== 'StringLiteral') {
          const keyE = this.exp1(t.index);
          const k = this.temp();
          pre.push(E.exprStmt(E.assign(E.id(k), keyE)));
          return { t, o, k, keyE };
        }
        return { t, o };
      });
      const vals = this.adjust(st.init, targets.length);
      pre.push(...vals.pre);
      for (let i = prepared.length - 1; i >= 0; i--) {
        const p = prepared[i];
        let v = vals.values[i];
        if (p.o === undefined) {
          pre.push(E.exprStmt(this.assignTo(p.t, v)));
          continue;
        }
        // the same inline stores as a single assignment (a swap `a[i], a[j] = a[j], a[i]` is common)
        const site = this.site(L.startLine(p.t.type === 'MemberExpression' ? p.t.identifier : p.t), this.desc(p.t.base));
        if (p.k === undefined) {
          const key = p.t.type === 'MemberExpression' ? p.t.identifier.name : stringValue(p.t.index);
          pre.push(E.exprStmt(this.setConst(E.id(p.o), key, v, site)));
          continue;
        }
        if (v.type !== 'Identifier') {
          const t = E.id(this.temp());
          pre.push(E.exprStmt(E.assign(t, v)));
          v = t;
        }
        pre.push(E.exprStmt(this.storeIndex(E.id(p.o), E.id(p.k), p.keyE, v, site)));
      }
      return pre;
    }

    assignTo(t: Node, value: Node): Node {
      if (t.type === 'Identifier') {
        const v: VarInfo | undefined = t.$var;
        if (v !== undefined) return E.assign(E.id(v.js), value);
        const env = t.$env as VarInfo;
        return this.setConst(E.id(env.js), t.name, value, this.site(L.startLine(t), this.envDesc(env)));
      }
      if (t.type === 'MemberExpression') {
        return this.setConst(this.exp1(t.base), t.identifier.name, value, this.site(L.startLine(t.identifier), this.desc(t.base)));
      }
      const site = this.site(L.startLine(t), this.desc(t.base));
      if (t.index.type === 'StringLiteral') return this.setConst(this.exp1(t.base), stringValue(t.index), value, site);
      const objE = this.exp1(t.base);
      const keyE = this.exp1(t.index);
      const o = E.id(this.temp()), k = E.id(this.temp()), v = E.id(this.temp());
      return E.seq([E.assign(o, objE), E.assign(k, keyE), E.assign(v, value), this.storeIndex(o, k, keyE, v, site)]);
    }

    /**
     * o[k] = v for identifiers o, k, v (keyE: the key's expression, for what is known of it). Array fast
     * paths: overwrite an existing element; append to a table with no metatable nor hash part.
     */
    storeIndex(o: Node, k: Node, keyE: Node, v: Node, site: SiteInfo): Node {
      const elem = (): Node => E.cmember(E.member(o, 'a'), E.bin('-', k, E.lit(1)));
      const slow = (): Node => this.meta(E.helper('setindex', [o, k, v], site));
      const guard = E.logical('&&', this.numberKeyedTable(o, k, keyE), E.bin('!==', v, E.undef()));
      const appendable = E.logical(
        '&&',
        E.bin('===', k, E.bin('+', E.member(E.member(o, 'a'), 'length'), E.lit(1))),
        E.logical('&&', E.bin('===', E.member(o, 'mt'), E.undef()), E.bin('===', E.member(o, 'h'), E.undef())),
      );
      const store = E.cond(
        E.bin('!==', elem(), E.undef()),
        E.assign(elem(), v),
        E.cond(appendable, E.callExpr(E.member(E.member(o, 'a'), 'push'), [v]), slow()),
      );
      return E.cond(guard, store, slow());
    }

    /** o.k = v: inline store when the field already exists (per-site inline cache), helper otherwise. */
    setConst(obj: Node, key: string, value: Node, site: SiteInfo): Node {
      if (key === 'constructor') return this.meta(E.helper('setindex', [obj, E.lit(key), value], site));
      const o = obj.type === 'Identifier' ? obj : E.id(this.temp());
      const v = value.type === 'Identifier' || value.type === 'Literal' ? value : E.id(this.temp());
      const pre: Node[] = [];
      if (o !== obj) pre.push(E.assign(o, obj));
      if (v !== value) pre.push(E.assign(v, value));
      const slot = E.cmember(E.member(o, 's'), E.lit(key));
      const test = E.logical('&&', E.bin('instanceof', o, E.id('LuaTable')), E.bin('!==', slot, E.undef()));
      return E.seq([...pre, E.cond(test, E.assign(E.cmember(E.member(o, 's'), E.lit(key)), v), this.meta(E.helper('setfield', [o, E.lit(key), v], site)))]);
    }

    ifStat(clauses: Node[], i: number): Node {
      const c = clauses[i];
      const body = E.block(this.block(c.body));
      if (c.type === 'ElseClause') return body;
      const rest = i + 1 < clauses.length ? this.ifStat(clauses, i + 1) : undefined;
      return E.ifStmt(this.cond(c.condition), body, rest);
    }

    /** The CPU budget check; generator code may also pause here (yield PAUSE) when the host asked for it. */
    budgetCheck(): Node {
      const out = E.bin('<', E.un('--', E.member(E.id('B'), 'n'), true), E.lit(0));
      if (!this.gen) return E.ifStmt(out, E.exprStmt(E.helper('budget', [])));
      return E.ifStmt(E.logical('&&', out, E.helper('budget', [E.lit(true)])), E.exprStmt(E.yieldExpr(E.id('PAUSE'))));
    }

    withLoop<T>(f: (label: string) => T): T {
      const label = `$loop${++uid}`;
      this.loopLabels.push(label);
      try {
        return f(label);
      } finally {
        this.loopLabels.pop();
      }
    }

    loop(condition: Node, body: Node[], isRepeat: boolean): Node[] {
      return this.withLoop((label) => {
        if (!isRepeat) {
          return [E.labeled(label, E.whileStmt(this.cond(condition), E.block([this.budgetCheck(), ...this.block(body)])))];
        }
        // repeat: the condition sees the body's locals, so it is tested inside the body's block
        const inner = this.block([...body, { type: '$RepeatUntil', condition }]);
        return [E.labeled(label, E.forStmt(null, null, null, E.block([this.budgetCheck(), ...inner])))];
      });
    }

    /** The value of an integer literal that needs no boxing (decimal, |n| < 2^31), else undefined. */
    smallIntLiteral(e: Node | null | undefined): number | undefined {
      if (!e) return undefined;
      let neg = false;
      if (e.type === 'UnaryExpression' && e.operator === '-') {
        neg = true;
        e = e.argument;
      }
      if (e.type !== 'NumericLiteral' || !/^\d+$/.test(e.raw)) return undefined;
      const n = Number(e.raw) * (neg ? -1 : 1);
      return Math.abs(n) < 2 ** 31 ? n + 0 : undefined;
    }

    forNum(st: Node): Node[] {
      const start = this.smallIntLiteral(st.start);
      const step = st.step ? this.smallIntLiteral(st.step) : 1;
      if (start !== undefined && step !== undefined && step !== 0) return this.forNumInt(st, start, step);
      const p = this.temp();
      const v: VarInfo = st.variable.$var;
      const args = [this.exp1(st.start), this.exp1(st.end)];
      if (st.step) args.push(this.exp1(st.step));
      const pre = E.exprStmt(E.assign(E.id(p), E.helper('forprep', args, this.site(L.startLine(st)))));
      const i = `$i${++uid}`, l = `$l${uid}`, s = `$s${uid}`, m = `$m${uid}`;
      const constStep = !st.step ? 1 : st.step.type === 'NumericLiteral' && !/[.eEpP]/.test(st.step.raw) && !/^0[xX]/.test(st.step.raw) ? Number(st.step.raw) : undefined;
      return this.withLoop((label) => {
        const test =
          constStep !== undefined && constStep > 0
            ? E.bin('<=', E.id(i), E.id(l))
            : E.cond(E.bin('>', E.id(s), E.lit(0)), E.bin('<=', E.id(i), E.id(l)), E.bin('>=', E.id(i), E.id(l)));
        const init = E.letDecl([
          [i, E.cmember(E.id(p), E.lit(0))],
          [l, E.cmember(E.id(p), E.lit(1))],
          [s, E.cmember(E.id(p), E.lit(2))],
          [m, E.cmember(E.id(p), E.lit(3))],
        ]);
        const loopVar = E.letDecl([[v.js, E.cond(E.bin('===', E.id(m), E.lit(0)), E.id(i), E.helper('forvar', [E.id(i), E.id(m)]))]]);
        const body = E.block([this.budgetCheck(), loopVar, ...this.block(st.body)]);
        return [pre, E.labeled(label, E.forStmt(init, test, E.assign(E.id(i), E.id(s), '+='), body))];
      });
    }

    /**
     * `for i = <int literal>, limit, <int literal>`: always an integer loop, so the loop variable is a
     * plain JS number; only the limit needs checking (forlimit clips floats and odd values).
     */
    forNumInt(st: Node, start: number, step: number): Node[] {
      const v: VarInfo = st.variable.$var;
      // start is below 2^31 in magnitude; with a step of at most 16 the variable needs 2^48 iterations
      // (days) to reach 2^52, where sums of two such values would stop being exact
      if (!v.reassigned && Math.abs(step) <= 16) v.safeInt = true;
      const i = `$i${++uid}`, l = `$l${uid}`;
      const limE = this.exp1(st.end);
      const lt = E.id(this.temp());
      const limit =
        limE.type === 'Literal' && typeof limE.value === 'number' && Number.isInteger(limE.value) && Math.abs(limE.value) < 2 ** 52
          ? limE
          : E.cond(
              E.logical(
                '&&',
                E.bin('===', E.un('typeof', E.assign(lt, limE)), E.lit('number')),
                E.logical('&&', E.callExpr(E.member(E.id('Number'), 'isInteger'), [lt]), E.bin('<', E.callExpr(E.member(E.id('Math'), 'abs'), [lt]), E.lit(2 ** 52))),
              ),
              lt,
              E.helper('forlimit', [E.lit(start), lt, E.lit(step)], this.site(L.startLine(st))),
            );
      return this.withLoop((label) => {
        const init = E.letDecl([
          [i, E.lit(start)],
          [l, limit],
        ]);
        const test = step > 0 ? E.bin('<=', E.id(i), E.id(l)) : E.bin('>=', E.id(i), E.id(l));
        const body = E.block([this.budgetCheck(), E.letDecl([[v.js, E.id(i)]]), ...this.block(st.body)]);
        return [E.labeled(label, E.forStmt(init, test, E.assign(E.id(i), E.lit(step), '+='), body))];
      });
    }

    forIn(st: Node): Node[] {
      const it = this.temp();
      const vars: VarInfo[] = st.variables.map((v: Node) => v.$var);
      const explist = E.arr(this.listElements(st.iterators));
      // Lua places the iterator call at the line where the expression list starts
      const line = L.startLine(st.iterators[0]);
      const pre = E.exprStmt(E.assign(E.id(it), E.helper('forIter', [explist], this.site(line))));
      return this.withLoop((label) => {
        const step = this.gen
          ? E.cond(E.member(E.id(it), 'isG'), E.callExpr(E.member(E.id(it), 'accept'), [E.yieldExpr(E.callExpr(E.member(E.id(it), 'pend'), []))]), E.callExpr(E.member(E.id(it), 'step'), [], this.site(line)))
          : E.callExpr(E.member(E.id(it), 'step'), [], this.site(line));
        const binds = E.letDecl(
          vars.map((v, k) => [v.js, k === 0 ? E.member(E.id(it), 'k') : k === 1 ? E.member(E.id(it), 'v') : E.callExpr(E.member(E.id(it), 'extra'), [E.lit(k)])] as [string, Node]),
        );
        const loopStmt = E.labeled(label, E.whileStmt(step, E.block([this.budgetCheck(), binds, ...this.block(st.body)])));
        // the 4th value (to-be-closed) is closed however the loop ends
        const err = `$err${++uid}`;
        return [
          pre,
          E.letDecl([[err, E.id('NOERR')]]),
          E.tryStmt(
            E.block([loopStmt]),
            E.catchClause('$e', E.block([E.exprStmt(E.assign(E.id(err), E.id('$e'))), E.throwStmt(E.id('$e'))])),
            E.block([E.ifStmt(E.bin('!==', E.member(E.id(it), 'closing'), E.undef()), E.exprStmt(E.callExpr(E.member(E.id(it), 'close'), [E.id(err)])))]),
          ),
        ];
      });
    }

    funcStat(st: Node): Node[] {
      const fnNode = this.functionExpr(st.$fn);
      if (st.isLocal) return this.declare([st.identifier.$var as VarInfo], [fnNode]);
      return [E.exprStmt(this.assignTo(st.identifier, fnNode))];
    }

    returnStat(st: Node): Node[] {
      const args: Node[] = st.arguments;
      if (args.length === 0) return [E.ret(E.id('NONE'))];
      if (args.length === 1) {
        const a = args[0];
        if (a.$selfTail && this.tailLabel !== undefined && this.closeDepth === 0 && a.type === 'CallExpression' && !a.arguments.some((x: Node, i: number) => i === a.arguments.length - 1 && this.isMulti(x, a.arguments.length === 1))) {
          // self tail call: rebind the parameters and loop
          const temps = this.tailParams.map(() => this.temp());
          const out: Node[] = [];
          this.tailParams.forEach((_, i) => out.push(E.exprStmt(E.assign(E.id(temps[i]), a.arguments[i] ? this.exp1(a.arguments[i]) : E.undef()))));
          a.arguments.slice(this.tailParams.length).forEach((x: Node) => out.push(E.exprStmt(this.exp1(x))));
          this.tailParams.forEach((p, i) => out.push(E.exprStmt(E.assign(E.id(p), E.id(temps[i])))));
          out.push(E.continueStmt(this.tailLabel));
          return [E.block(out)];
        }
        return [E.ret(this.expMulti(a))];
      }
      return [E.ret(E.newExpr(E.id('Multi'), [E.arr(this.listElements(args))]))];
    }

    gotoStat(st: Node): Node[] {
      const name = st.label.name;
      for (let i = this.labels.length - 1; i >= 0; i--) {
        const t = this.labels[i].get(name);
        if (t === undefined) continue;
        // a jump back before declarations of `<close>` locals closes them (a forward jump closes none)
        const closing = t.tbc === undefined ? [] : [E.exprStmt(E.helper('closeTo', [E.id(t.tbc.stack), E.lit(t.tbc.keep)], this.site(L.startLine(st))))];
        return [E.block([...closing, E.exprStmt(E.assign(E.id(t.lblVar), E.lit(t.index))), E.continueStmt(t.smLabel)])];
      }
      const line = L.startLine(st);
      throw new LuaSyntaxError(`${chunkName}:${line}: no visible label '${name}' for goto`, chunkName, line, 0);
    }
  }

  // `repeat ... until cond` is emitted as a pseudo statement at the end of the body's block
  const origStat = FnEmitter.prototype.stat;
  FnEmitter.prototype.stat = function (this: FnEmitter, st: Node): Node[] {
    if (st.type === '$RepeatUntil') return [E.ifStmt(this.cond(st.condition), E.breakStmt(this.loopLabels[this.loopLabels.length - 1]))];
    return origStat.call(this, st);
  };

  const sourceHash = hashSource(source);
  const mainEm = new FnEmitter(res.main);
  const mainFn = mainEm.emitFunction();
  const program = {
    type: 'Program',
    sourceType: 'script',
    body: [E.ret(E.fnExpr([E.id('ENV')], [E.ret(mainFn)]))],
  };
  return { program, constants };
}

/** The `self` parameter the resolver declared for a method (`function a:m()`). */
function selfVarOf(node: Node): VarInfo {
  return node.$selfVar;
}

function endsWithReturn(stats: Node[]): boolean {
  const last = stats[stats.length - 1];
  return last !== undefined && last.type === 'ReturnStatement';
}

function bigOrNum(b: bigint): Node {
  if (b >= -9007199254740991n && b <= 9007199254740991n) return E.lit(Number(b));
  return E.bigLit(b);
}

/** The value of a numeric literal from its raw text: integer (number|bigint) or float. */
export function numericValue(raw: string): { n: number; float: boolean } | bigint {
  const hex = /^0[xX]/.test(raw);
  if (hex) {
    if (!/[.pP]/.test(raw)) {
      const b = BigInt.asIntN(64, BigInt(raw));
      return b >= -9007199254740991n && b <= 9007199254740991n ? { n: Number(b), float: false } : b;
    }
    const m = /^0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([-+]?\d+))?$/.exec(raw)!;
    return { n: hexFloat(m[1], m[2] ?? '', m[3]), float: true };
  }
  if (/[.eE]/.test(raw)) return { n: Number(raw), float: true };
  const b = BigInt(raw);
  if (b > 9223372036854775807n) return { n: Number(raw), float: true };
  return b <= 9007199254740991n ? { n: Number(b), float: false } : b;
}

/** How many parentheses wrap a node in the source (luaparse's ranges exclude them). */
function parenCount(src: string, n: Node): number {
  if (!n.range) return 0;
  let opens = 0;
  let i = n.range[0] - 1;
  for (;;) {
    while (i >= 0 && /\s/.test(src[i])) i--;
    if (src[i] !== '(') break;
    opens++;
    i--;
  }
  if (opens === 0) return 0;
  let closes = 0;
  let j = n.range[1];
  for (;;) {
    while (j < src.length && /\s/.test(src[j])) j++;
    if (src[j] !== ')') break;
    closes++;
    j++;
  }
  return Math.min(opens, closes);
}

/** A short hash identifying a chunk's source text (string.dump looks the source up by it). */
export function hashSource(src: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < src.length; i++) h = Math.imul(h ^ src.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36) + src.length.toString(36);
}

const FLOAT_TREE_OPS = new Set(['+', '-', '*', '/', '^']);

/** Whether a node is an operation of a float tree (see FnEmitter.floatTree), or a float literal. */
function isFloatNode(n: Node): boolean {
  if (n.type === 'NumericLiteral') return /[.eEpP]/.test(n.raw) && !/^0[xX][^pP.]*$/.test(n.raw);
  if (n.type === 'UnaryExpression') return n.operator === '-' && isFloatNode(n.argument);
  if (n.type !== 'BinaryExpression' || !FLOAT_TREE_OPS.has(n.operator)) return false;
  return n.operator === '/' || n.operator === '^' || isFloatNode(n.left) || isFloatNode(n.right);
}

/** Whether floatTree would emit a leaf holding a function body twice (a leaf after a checked one). */
function floatTreeCopiesFunction(root: Node): boolean {
  let ops = 0, leaves = 0, checked = false, found = false;
  const walk = (n: Node): void => {
    if (isFloatNode(n)) {
      if (n.type === 'NumericLiteral') return;
      if (n.type === 'UnaryExpression') walk(n.argument);
      else {
        walk(n.left);
        walk(n.right);
      }
      ops++;
      return;
    }
    if (n.type === 'NumericLiteral') return;
    if (leaves > 0 && ops > 0 && !isQuietLeaf(n)) checked = true;
    leaves++;
    if (checked && hasFunction(n)) found = true;
  };
  walk(root);
  return found;
}
function hasFunction(n: any): boolean {
  if (n === null || typeof n !== 'object') return false;
  if (n.type === 'FunctionDeclaration') return true;
  for (const k in n) if (k[0] !== '$' && hasFunction(n[k])) return true;
  return false;
}

/** A leaf whose evaluation can neither fail nor run Lua code: a literal, a local, `...`. */
function isQuietLeaf(n: Node): boolean {
  switch (n.type) {
    case 'NilLiteral':
    case 'BooleanLiteral':
    case 'StringLiteral':
    case 'NumericLiteral':
    case 'VarargLiteral':
      return true;
    case 'Identifier':
      return n.$var !== undefined;
  }
  return false;
}

/** The number of operations in the float tree rooted at n (0 when n is not one). */
function floatOps(n: Node): number {
  if (!isFloatNode(n) || n.type === 'NumericLiteral') return 0;
  if (n.type === 'UnaryExpression') return 1 + floatOps(n.argument);
  return 1 + floatOps(n.left) + floatOps(n.right);
}

/** Run f with the float tree's leaves (marked $leaf by floatTree) standing for their temps. */
function withLeavesAsTemps<T>(root: Node, f: () => T): T {
  const leaves: Node[] = [];
  const mark = (n: Node): void => {
    if (n.$leaf !== undefined) {
      n.$leafTemp = n.$leaf;
      leaves.push(n);
      return;
    }
    if (n.type === 'BinaryExpression') {
      mark(n.left);
      mark(n.right);
    } else if (n.type === 'UnaryExpression') mark(n.argument);
  };
  mark(root);
  try {
    return f();
  } finally {
    for (const n of leaves) {
      n.$leafTemp = undefined;
      n.$leaf = undefined;
    }
  }
}
