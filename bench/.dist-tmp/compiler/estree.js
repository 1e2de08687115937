// Small constructors for the ESTree nodes the emitter builds.
export const id = (name) => ({ type: 'Identifier', name });
export const lit = (value) => {
    if (typeof value === 'number' && (value < 0 || Object.is(value, -0))) {
        return { type: 'UnaryExpression', operator: '-', prefix: true, argument: { type: 'Literal', value: -value } };
    }
    return { type: 'Literal', value };
};
export const bigLit = (v) => ({ type: 'Literal', value: null, bigint: String(v), raw: `${v}n` });
export const undef = () => ({ type: 'UnaryExpression', operator: 'void', prefix: true, argument: lit(0) });
export const call = (callee, args, site) => {
    const n = { type: 'CallExpression', callee, arguments: args, optional: false };
    if (site)
        n.site = site;
    return n;
};
export const helper = (name, args, site) => call(id(name), args, site);
export const newExpr = (callee, args) => ({ type: 'NewExpression', callee, arguments: args });
export const member = (object, prop) => ({
    type: 'MemberExpression',
    object,
    property: id(prop),
    computed: false,
    optional: false,
});
export const cmember = (object, prop) => ({
    type: 'MemberExpression',
    object,
    property: prop,
    computed: true,
    optional: false,
});
export const assign = (left, right, operator = '=') => ({ type: 'AssignmentExpression', operator, left, right });
export const bin = (operator, left, right) => ({ type: 'BinaryExpression', operator, left, right });
export const logical = (operator, left, right) => ({ type: 'LogicalExpression', operator, left, right });
export const un = (operator, argument, update = false) => update ? { type: 'UpdateExpression', operator, prefix: true, argument } : { type: 'UnaryExpression', operator, prefix: true, argument };
export const not = (argument) => ({ type: 'UnaryExpression', operator: '!', prefix: true, argument });
export const cond = (test, consequent, alternate) => ({ type: 'ConditionalExpression', test, consequent, alternate });
export const seq = (expressions) => (expressions.length === 1 ? expressions[0] : { type: 'SequenceExpression', expressions });
export const arr = (elements) => ({ type: 'ArrayExpression', elements });
export const spread = (argument) => ({ type: 'SpreadElement', argument });
export const yieldExpr = (argument) => ({ type: 'YieldExpression', argument, delegate: false });
export const exprStmt = (expression) => ({ type: 'ExpressionStatement', expression });
export const block = (body) => ({ type: 'BlockStatement', body });
export const ret = (argument) => ({ type: 'ReturnStatement', argument: argument ?? null });
export const ifStmt = (test, consequent, alternate) => ({
    type: 'IfStatement',
    test,
    consequent,
    alternate: alternate ?? null,
});
export const letDecl = (names, kind = 'let') => ({
    type: 'VariableDeclaration',
    kind,
    declarations: names.map((n) => typeof n === 'string'
        ? { type: 'VariableDeclarator', id: id(n), init: null }
        : { type: 'VariableDeclarator', id: id(n[0]), init: n[1] }),
});
export const whileStmt = (test, body) => ({ type: 'WhileStatement', test, body });
export const forStmt = (init, test, update, body) => ({
    type: 'ForStatement',
    init,
    test,
    update,
    body,
});
export const labeled = (label, body) => ({ type: 'LabeledStatement', label: id(label), body });
export const breakStmt = (label) => ({ type: 'BreakStatement', label: label ? id(label) : null });
export const continueStmt = (label) => ({ type: 'ContinueStatement', label: label ? id(label) : null });
export const throwStmt = (argument) => ({ type: 'ThrowStatement', argument });
export const tryStmt = (blockNode, handler, finalizer) => ({
    type: 'TryStatement',
    block: blockNode,
    handler,
    finalizer,
});
export const catchClause = (param, body) => ({ type: 'CatchClause', param: id(param), body });
export const switchStmt = (discriminant, cases) => ({
    type: 'SwitchStatement',
    discriminant,
    cases: cases.map((c) => ({ type: 'SwitchCase', test: c.test, consequent: c.body })),
});
export const fnExpr = (params, body, generator = false) => ({
    type: 'FunctionExpression',
    id: null,
    params,
    body: block(body),
    generator,
    async: false,
});
export const rest = (name) => ({ type: 'RestElement', argument: id(name) });
export const obj = (props) => ({
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
//# sourceMappingURL=estree.js.map