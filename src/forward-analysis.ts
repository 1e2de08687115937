// Static proof that a WebSocket script only forwards channel broadcasts verbatim, so the gateway may
// deliver them natively (uWS topic publish) while the script sits in recv_any (see forwarding in
// session.ts). The proof is deliberately narrow; anything it does not recognise answers false.
//
// It holds when the script:
//   - calls solidb.ws.recv_any exactly once in its text, as the first statement of a `while true do`
//     body, `local M, T = solidb.ws.recv_any(<number literal>?)`, and never calls solidb.ws.recv: a
//     script suspended in recv_any is then always at that statement;
//   - names `solidb` only as the head of a direct call `solidb.a.b(...)` (so no alias of recv_any or of
//     the tables can exist), never declares a local/parameter named solidb or json, and never names
//     _ENV, _G, load, loadstring, dofile, loadfile or require (no other way to reach the globals);
//   - after that statement, for M a table and T == "channel", runs only `if` tests over M and T alone
//     (`M == nil`, `not M`, `T == "lit"`, `and`/`or`/`not`) and exactly one statement
//     `solidb.ws.send(json.encode(M.data))`, then reaches the end of the loop body.
// Run-time conditions (the globals still hold the original solidb.ws.send and json.encode; the
// session idle in that recv_any with nothing queued) are checked by the session.
import { parse, stringValue } from '../compiler/parse.js';

/** Scripts above this size are not analysed (the parse runs on the main thread, once per version). */
const MAX_SOURCE = 256 * 1024;
const FORBIDDEN = new Set(['_ENV', '_G', 'load', 'loadstring', 'dofile', 'loadfile', 'require']);
const GUARDED = new Set(['solidb', 'json']);

type Node = any;

/** Does `source` (a Lua byte string) qualify for native forwarding of channel broadcasts? */
export function forwardsChannels(source: string): boolean {
  if (source.length > MAX_SOURCE || !source.includes('recv_any')) return false;
  let ast: Node;
  let attribs: Map<number, string>;
  try {
    ({ ast, attribs } = parse(source, 'analysis'));
  } catch {
    return false;
  }
  const scan = { ok: true, recvAny: [] as Node[], recv: 0 };
  walk(ast, scan);
  if (!scan.ok || scan.recv > 0 || scan.recvAny.length !== 1) return false;
  return loopHeadForwards(ast, scan.recvAny[0], attribs);
}

/** `solidb.a.b` (dot indexers only) → ['a', 'b']; undefined when `n` is not such a chain. */
function solidbPath(n: Node): string[] | undefined {
  const path: string[] = [];
  while (n.type === 'MemberExpression' && n.indexer === '.') {
    path.unshift(n.identifier.name);
    n = n.base;
  }
  return n.type === 'Identifier' && n.name === 'solidb' && path.length > 0 ? path : undefined;
}

function isCall(n: Node): boolean {
  return n.type === 'CallExpression' || n.type === 'StringCallExpression' || n.type === 'TableCallExpression';
}

function declares(n: Node): Node[] {
  switch (n.type) {
    case 'LocalStatement':
      return n.variables;
    case 'FunctionDeclaration':
      return n.isLocal && n.identifier ? [n.identifier, ...n.parameters] : n.parameters;
    case 'ForNumericStatement':
      return [n.variable];
    case 'ForGenericStatement':
      return n.variables;
    default:
      return [];
  }
}

/** Checks every node; records the solidb.ws.recv_any / recv call sites. */
function walk(n: Node, scan: { ok: boolean; recvAny: Node[]; recv: number }): void {
  if (!scan.ok || n === null || typeof n !== 'object') return;
  if (Array.isArray(n)) {
    for (const x of n) walk(x, scan);
    return;
  }
  if (typeof n.type !== 'string') return;
  for (const d of declares(n)) if (d.type === 'Identifier' && GUARDED.has(d.name)) scan.ok = false;
  if (n.type === 'Identifier') {
    if (n.name === 'solidb' || FORBIDDEN.has(n.name)) scan.ok = false; // solidb outside a direct call
    return;
  }
  if (isCall(n)) {
    const path = solidbPath(n.base);
    if (path !== undefined) {
      const name = path.join('.');
      if (name === 'ws.recv_any') scan.recvAny.push(n);
      else if (name === 'ws.recv') scan.recv++;
      walk(n.arguments ?? n.argument, scan); // the callee chain is fine; its arguments are not exempt
      return;
    }
  }
  for (const k in n) if (k !== 'range' && k !== 'loc') walk(n[k], scan);
}

/** The recv_any call is the head of a `while true` body whose channel path only forwards. */
function loopHeadForwards(ast: Node, call: Node, attribs: Map<number, string>): boolean {
  let found = false;
  let ok = false;
  const visit = (n: Node): void => {
    if (found || n === null || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(visit);
    if (n.type === 'WhileStatement' && n.condition.type === 'BooleanLiteral' && n.condition.value === true) {
      const head = n.body[0];
      if (head?.type === 'LocalStatement' && head.init.length === 1 && head.init[0] === call) {
        found = true;
        // `<close>` on M would run (or fail) at the end of every iteration
        ok = head.variables.every((v: Node) => !attribs.has(v.range[0])) && headForwards(head, n.body.slice(1));
        return;
      }
    }
    for (const k in n) if (k !== 'range' && k !== 'loc') visit(n[k]);
  };
  visit(ast);
  return found && ok;
}

function headForwards(head: Node, rest: Node[]): boolean {
  const call = head.init[0];
  if (call.type !== 'CallExpression' || call.arguments.length > 1) return false;
  if (call.arguments.length === 1 && call.arguments[0].type !== 'NumericLiteral') return false;
  if (head.variables.length !== 2) return false;
  const [m, t] = head.variables.map((v: Node) => v.name);
  if (m === t) return false;
  return pathForwards(rest, m, t) === 1;
}

/**
 * Follow the statements run for M = a table, T = "channel": the number of forward statements on the
 * path (it must end by falling off the block), or -1 when the path does anything else.
 */
function pathForwards(block: Node[], m: string, t: string): number {
  let sends = 0;
  for (const st of block) {
    if (st.type === 'IfStatement') {
      let taken: Node[] | undefined;
      for (const c of st.clauses) {
        if (c.type === 'ElseClause') {
          taken = c.body;
          break;
        }
        const v = evalCond(c.condition, m, t);
        if (v === undefined) return -1;
        if (v) {
          taken = c.body;
          break;
        }
      }
      if (taken !== undefined) {
        const n = pathForwards(taken, m, t);
        if (n < 0) return -1;
        sends += n;
      }
    } else if (isForward(st, m)) {
      sends++;
    } else {
      return -1;
    }
  }
  return sends;
}

/** `solidb.ws.send(json.encode(M.data))` */
function isForward(st: Node, m: string): boolean {
  if (st.type !== 'CallStatement' || st.expression.type !== 'CallExpression') return false;
  const send = st.expression;
  const p = solidbPath(send.base);
  if (p === undefined || p.join('.') !== 'ws.send' || send.arguments.length !== 1) return false;
  const enc = send.arguments[0];
  if (enc.type !== 'CallExpression' || enc.arguments.length !== 1) return false;
  const f = enc.base;
  if (f.type !== 'MemberExpression' || f.indexer !== '.' || f.identifier.name !== 'encode') return false;
  if (f.base.type !== 'Identifier' || f.base.name !== 'json') return false;
  const d = enc.arguments[0];
  return d.type === 'MemberExpression' && d.indexer === '.' && d.identifier.name === 'data' && d.base.type === 'Identifier' && d.base.name === m;
}

/** The value of a test for M = a table (no metatable), T = "channel"; undefined when not one we know. */
function evalCond(e: Node, m: string, t: string): boolean | undefined {
  const v = evalExpr(e, m, t);
  if (v === undefined) return undefined;
  return v !== NIL && v !== false;
}

const NIL = Symbol('nil');
const TABLE = Symbol('table');
type Val = string | boolean | typeof NIL | typeof TABLE;

function evalExpr(e: Node, m: string, t: string): Val | undefined {
  switch (e.type) {
    case 'Identifier':
      return e.name === m ? TABLE : e.name === t ? 'channel' : undefined;
    case 'NilLiteral':
      return NIL;
    case 'BooleanLiteral':
      return e.value === true;
    case 'StringLiteral':
      return stringValue(e);
    case 'UnaryExpression': {
      if (e.operator !== 'not') return undefined;
      const v = evalExpr(e.argument, m, t);
      return v === undefined ? undefined : v === NIL || v === false;
    }
    case 'BinaryExpression': {
      if (e.operator !== '==' && e.operator !== '~=') return undefined;
      const a = evalExpr(e.left, m, t);
      const b = evalExpr(e.right, m, t);
      if (a === undefined || b === undefined) return undefined;
      // a table equals only itself (no __eq: that needs two tables); M is the only table here
      const eq = a === b;
      return e.operator === '==' ? eq : !eq;
    }
    case 'LogicalExpression': {
      const a = evalExpr(e.left, m, t);
      if (a === undefined) return undefined;
      const aTrue = a !== NIL && a !== false;
      if (e.operator === 'and') return aTrue ? evalExpr(e.right, m, t) : a;
      if (e.operator === 'or') return aTrue ? a : evalExpr(e.right, m, t);
      return undefined;
    }
    default:
      return undefined;
  }
}
