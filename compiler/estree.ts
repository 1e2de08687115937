// Small constructors for the ESTree nodes the emitter builds.

export type Node = any;

/** Where an emitted call stands in the Lua source, for error messages (see runtime/error.ts). */
export interface SiteInfo {
  line: number;
  desc?: (string | undefined)[];
}

// Leaf nodes are shared: astring only reads the tree, and the emitter never mutates a leaf. Sharing spares
// the collector tens of thousands of small objects per 1,000 lines. The tables are bounded: names and
// short literals repeat, and a table that grows past its cap starts over.
const LEAF_CAP = 8192;
const ids = new Map<string, Node>();
const strings = new Map<string, Node>();
const numbers = new Map<number, Node>();

function remember<K>(table: Map<K, Node>, key: K, node: Node): Node {
  if (table.size >= LEAF_CAP) table.clear();
  table.set(key, node);
  return node;
}

export const id = (name: string): Node => ids.get(name) ?? remember(ids, name, { type: 'Identifier', name });
export const lit = (value: string | number | boolean | null): Node => {
  if (typeof value === 'number') {
    if (value < 0 || Object.is(value, -0)) return { type: 'UnaryExpression', operator: '-', prefix: true, argument: lit(-value) };
    return numbers.get(value) ?? remember(numbers, value, { type: 'Literal', value, raw: JSON.stringify(value) });
  }
  if (typeof value === 'string' && value.length <= 64) {
    return strings.get(value) ?? remember(strings, value, { type: 'Literal', value, raw: JSON.stringify(value) });
  }
  return { type: 'Literal', value };
};
export const bigLit = (v: bigint): Node =>
  // a negative one as `-(literal)`, like lit(): a unary minus before it must not print as `--`
  v < 0n
    ? { type: 'UnaryExpression', operator: '-', prefix: true, argument: { type: 'Literal', value: null, bigint: String(-v), raw: `${-v}n` } }
    : { type: 'Literal', value: null, bigint: String(v), raw: `${v}n` };
const UNDEFINED: Node = { type: 'UnaryExpression', operator: 'void', prefix: true, argument: { type: 'Literal', value: 0, raw: '0' } };
export const undef = (): Node => UNDEFINED;

export const callExpr = (callee: Node, args: Node[], site?: SiteInfo): Node => {
  const n: Node = { type: 'CallExpression', callee, arguments: args, optional: false };
  if (site) n.site = site;
  return n;
};
export const helper = (name: string, args: Node[], site?: SiteInfo): Node => callExpr(id(name), args, site);
export const newExpr = (callee: Node, args: Node[]): Node => ({ type: 'NewExpression', callee, arguments: args });
export const member = (object: Node, prop: string): Node => ({
  type: 'MemberExpression',
  object,
  property: id(prop),
  computed: false,
  optional: false,
});
export const cmember = (object: Node, prop: Node): Node => ({
  type: 'MemberExpression',
  object,
  property: prop,
  computed: true,
  optional: false,
});
export const assign = (left: Node, right: Node, operator = '='): Node => ({ type: 'AssignmentExpression', operator, left, right });
// Fast-path templates meet constant operands ("typeof ' *' === 'string'", "true && x"): the constructors
// below fold what a literal decides, which keeps the output (and V8's work on it) smaller.
const isLit = (n: Node): boolean => n.type === 'Literal' && n.bigint === undefined && n.regex === undefined;

export const bin = (operator: string, left: Node, right: Node): Node => {
  if ((operator === '===' || operator === '!==') && isLit(left) && isLit(right)) return lit((left.value === right.value) === (operator === '==='));
  return { type: 'BinaryExpression', operator, left, right };
};
export const logical = (operator: string, left: Node, right: Node): Node => {
  if (isLit(left) && (operator === '&&' || operator === '||')) return Boolean(left.value) === (operator === '&&') ? right : left;
  return { type: 'LogicalExpression', operator, left, right };
};
export const un = (operator: string, argument: Node, update = false): Node => {
  if (operator === 'typeof' && isLit(argument) && argument.value !== null) return lit(typeof argument.value);
  return update ? { type: 'UpdateExpression', operator, prefix: true, argument } : { type: 'UnaryExpression', operator, prefix: true, argument };
};
export const not = (argument: Node): Node => ({ type: 'UnaryExpression', operator: '!', prefix: true, argument });
export const cond = (test: Node, consequent: Node, alternate: Node): Node =>
  isLit(test) ? (test.value ? consequent : alternate) : { type: 'ConditionalExpression', test, consequent, alternate };
export const seq = (expressions: Node[]): Node => (expressions.length === 1 ? expressions[0] : { type: 'SequenceExpression', expressions });
export const arr = (elements: Node[]): Node => ({ type: 'ArrayExpression', elements });
export const spread = (argument: Node): Node => ({ type: 'SpreadElement', argument });
export const yieldExpr = (argument: Node): Node => ({ type: 'YieldExpression', argument, delegate: false });

export const exprStmt = (expression: Node): Node => ({ type: 'ExpressionStatement', expression });
export const block = (body: Node[]): Node => ({ type: 'BlockStatement', body });
export const ret = (argument?: Node): Node => ({ type: 'ReturnStatement', argument: argument ?? null });
export const ifStmt = (test: Node, consequent: Node, alternate?: Node): Node => ({
  type: 'IfStatement',
  test,
  consequent,
  alternate: alternate ?? null,
});
export const letDecl = (names: (string | [string, Node])[], kind = 'let'): Node => ({
  type: 'VariableDeclaration',
  kind,
  declarations: names.map((n) =>
    typeof n === 'string'
      ? { type: 'VariableDeclarator', id: id(n), init: null }
      : { type: 'VariableDeclarator', id: id(n[0]), init: n[1] },
  ),
});
export const whileStmt = (test: Node, body: Node): Node => ({ type: 'WhileStatement', test, body });
export const forStmt = (init: Node | null, test: Node | null, update: Node | null, body: Node): Node => ({
  type: 'ForStatement',
  init,
  test,
  update,
  body,
});
export const labeled = (label: string, body: Node): Node => ({ type: 'LabeledStatement', label: id(label), body });
export const breakStmt = (label?: string): Node => ({ type: 'BreakStatement', label: label ? id(label) : null });
export const continueStmt = (label?: string): Node => ({ type: 'ContinueStatement', label: label ? id(label) : null });
export const throwStmt = (argument: Node): Node => ({ type: 'ThrowStatement', argument });
export const tryStmt = (blockNode: Node, handler: Node | null, finalizer: Node | null): Node => ({
  type: 'TryStatement',
  block: blockNode,
  handler,
  finalizer,
});
export const catchClause = (param: string, body: Node): Node => ({ type: 'CatchClause', param: id(param), body });
export const switchStmt = (discriminant: Node, cases: { test: Node | null; body: Node[] }[]): Node => ({
  type: 'SwitchStatement',
  discriminant,
  cases: cases.map((c) => ({ type: 'SwitchCase', test: c.test, consequent: c.body })),
});
export const fnExpr = (params: Node[], body: Node[], generator = false): Node => ({
  type: 'FunctionExpression',
  id: null,
  params,
  body: block(body),
  generator,
  async: false,
});
export const rest = (name: string): Node => ({ type: 'RestElement', argument: id(name) });
export const obj = (props: [string, Node][]): Node => ({
  type: 'ObjectExpression',
  properties: props.map(([k, v]) => ({
    type: 'Property',
    key: lit(k),
    value: v,
    kind: 'init',
    method: false,
    shorthand: false,
    // "__proto__": v in a literal would set the prototype; a computed key defines a plain property
    computed: k === '__proto__',
  })),
});
