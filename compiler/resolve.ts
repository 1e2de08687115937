// Scope analysis: binds every name to a local variable or to a global (a field of _ENV),
// checks <const> assignments and goto targets, and records what the emitter and the
// suspension analysis need (captured variables, reassigned locals, local functions, calls).

import { LuaSyntaxError, type LineIndex } from './parse.js';

export interface VarInfo {
  name: string;
  js: string;
  attrib?: 'const' | 'close';
  fn: FuncInfo;
  /** referenced from a nested function */
  captured: boolean;
  /** assigned after its declaration */
  reassigned: boolean;
  /** the function this variable was initialised with (local function f / local f = function) */
  funcNode?: any;
  /** declared outside a goto state machine (see emit.ts) */
  hoisted?: boolean;
  /** always an integer JS number below 2^52 in magnitude (an integer for loop's variable never assigned; set by emit) */
  safeInt?: boolean;
}

export interface FuncInfo {
  node: any;
  parent: FuncInfo | undefined;
  isVararg: boolean;
  /** the local variable naming this function, when declared as `local function f` */
  selfVar?: VarInfo;
  /** calls made directly in this function's body */
  calls: any[];
  /** may suspend: compiled as a generator */
  suspends: boolean;
  hasSelfTailCall: boolean;
}

interface Scope {
  vars: Map<string, VarInfo>;
  parent: Scope | undefined;
  fn: FuncInfo;
}

export interface Resolution {
  main: FuncInfo;
  env: VarInfo;
  functions: FuncInfo[];
  /** global names assigned anywhere in the chunk (so the built-in they shadow is unknown) */
  assignedGlobals: Set<string>;
  /** field names assigned anywhere (`m.floor = f` may replace a built-in through an alias) */
  assignedFields: Set<string>;
  lines: LineIndex;
}

export function resolve(ast: any, attribs: Map<number, string>, chunkName: string, lines: LineIndex): Resolution {
  let counter = 0;
  const functions: FuncInfo[] = [];
  const assignedGlobals = new Set<string>();
  const assignedFields = new Set<string>();
  const main: FuncInfo = { node: ast, parent: undefined, isVararg: true, calls: [], suspends: false, hasSelfTailCall: false };
  functions.push(main);
  const env: VarInfo = { name: '_ENV', js: 'ENV', fn: main, captured: true, reassigned: false };
  const root: Scope = { vars: new Map([['_ENV', env]]), parent: undefined, fn: main };
  ast.$fn = main;

  const err = (node: any, msg: string): never => {
    const at: number | undefined = node?.range?.[0];
    const line = at === undefined ? 0 : lines.line(at);
    throw new LuaSyntaxError(`${chunkName}:${line}: ${msg}`, chunkName, line, (at === undefined ? 0 : lines.column(at)) + 1);
  };

  const declare = (scope: Scope, id: any, attrib?: string): VarInfo => {
    const safe = id.name.replace(/[^A-Za-z0-9_]/g, '_');
    const v: VarInfo = { name: id.name, js: `${safe}$${++counter}`, fn: scope.fn, captured: false, reassigned: false };
    if (attrib === 'const' || attrib === 'close') v.attrib = attrib;
    scope.vars.set(id.name, v);
    id.$var = v;
    return v;
  };

  const lookup = (scope: Scope, name: string): VarInfo | undefined => {
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      const v = s.vars.get(name);
      if (v !== undefined) return v;
    }
    return undefined;
  };

  const useName = (scope: Scope, id: any): void => {
    const v = lookup(scope, id.name);
    if (v !== undefined) {
      id.$var = v;
      if (v.fn !== scope.fn) v.captured = true;
    } else {
      const e = lookup(scope, '_ENV')!;
      id.$env = e;
      if (e.fn !== scope.fn) e.captured = true;
    }
  };

  const assignName = (scope: Scope, id: any): void => {
    useName(scope, id);
    const v: VarInfo | undefined = id.$var;
    if (v !== undefined) {
      if (v.attrib !== undefined) err(id, `attempt to assign to const variable '${v.name}'`);
      v.reassigned = true;
    } else assignedGlobals.add(id.name);
  };

  const expr = (scope: Scope, e: any): void => {
    if (e == null) return;
    switch (e.type) {
      case 'Identifier':
        useName(scope, e);
        return;
      case 'StringLiteral':
      case 'NumericLiteral':
      case 'BooleanLiteral':
      case 'NilLiteral':
      case 'VarargLiteral':
        if (e.type === 'VarargLiteral' && !scope.fn.isVararg) err(e, "cannot use '...' outside a vararg function near '...'");
        return;
      case 'FunctionDeclaration':
        func(scope, e, undefined);
        return;
      case 'TableConstructorExpression':
        for (const f of e.fields) {
          if (f.type === 'TableKey') expr(scope, f.key);
          if (f.type === 'TableKeyString' && f.key.name.startsWith('__') && f.value.type === 'FunctionDeclaration') f.value.$metaKey = true;
          expr(scope, f.value);
        }
        return;
      case 'BinaryExpression':
      case 'LogicalExpression':
        expr(scope, e.left);
        expr(scope, e.right);
        return;
      case 'UnaryExpression':
        expr(scope, e.argument);
        return;
      case 'MemberExpression':
        expr(scope, e.base);
        return;
      case 'IndexExpression':
        expr(scope, e.base);
        expr(scope, e.index);
        return;
      case 'CallExpression':
      case 'StringCallExpression':
      case 'TableCallExpression':
        scope.fn.calls.push(e);
        expr(scope, e.base);
        if (e.type === 'CallExpression') for (const a of e.arguments) expr(scope, a);
        else expr(scope, e.argument ?? e.arguments);
        return;
    }
    throw new Error(`resolve: unexpected expression ${e.type}`);
  };

  const func = (scope: Scope, node: any, selfVar: VarInfo | undefined): void => {
    const fi: FuncInfo = {
      node,
      parent: scope.fn,
      isVararg: node.is_vararg === true,
      calls: [],
      suspends: false,
      hasSelfTailCall: false,
    };
    if (selfVar) fi.selfVar = selfVar;
    node.$fn = fi;
    functions.push(fi);
    const inner: Scope = { vars: new Map(), parent: scope, fn: fi };
    if (node.$method) node.$selfVar = declare(inner, { name: 'self' });
    for (const p of node.parameters) {
      if (p.type === 'VarargLiteral') fi.isVararg = true;
      else declare(inner, p);
    }
    block(inner, node.body, true);
  };

  /** labels visible in the blocks being resolved, per function (a nested function starts afresh) */
  const visibleLabels = new Map<FuncInfo, Map<string, any>>();
  const withLabels = (fn: FuncInfo, body: any[], f: () => void): void => {
    const outer = visibleLabels.get(fn) ?? new Map<string, any>();
    checkGotos(body, outer);
    const inner = new Map(outer);
    for (const st of body) if (st.type === 'LabelStatement') inner.set(st.label.name, st);
    visibleLabels.set(fn, inner);
    try {
      f();
    } finally {
      visibleLabels.set(fn, outer);
    }
  };

  const block = (scope: Scope, body: any[], sameScope = false): void => {
    const s: Scope = sameScope ? scope : { vars: new Map(), parent: scope, fn: scope.fn };
    withLabels(scope.fn, body, () => {
      for (const st of body) stat(s, st);
    });
  };

  const stat = (scope: Scope, st: any): void => {
    switch (st.type) {
      case 'LocalStatement': {
        for (const e of st.init) expr(scope, e);
        const vars = st.variables.map((id: any) => declare(scope, id, attribs.get(id.range[0])));
        vars.forEach((v: VarInfo, i: number) => {
          const init = st.init[i];
          if (init?.type === 'FunctionDeclaration' && i < st.init.length) v.funcNode = init;
        });
        if (vars.filter((v: VarInfo) => v.attrib === 'close').length > 1) err(st, "multiple to-be-closed variables in local list");
        return;
      }
      case 'AssignmentStatement':
        st.variables.forEach((t: any, i: number) => {
          const v = st.init[i];
          if (t.type === 'MemberExpression' && t.identifier.name.startsWith('__') && v?.type === 'FunctionDeclaration') v.$metaKey = true;
        });
        for (const e of st.init) expr(scope, e);
        for (const t of st.variables) {
          if (t.type === 'Identifier') assignName(scope, t);
          else {
            expr(scope, t);
            noteFieldAssign(t);
          }
        }
        return;
      case 'CallStatement':
        expr(scope, st.expression);
        return;
      case 'DoStatement':
        block(scope, st.body);
        return;
      case 'WhileStatement':
        expr(scope, st.condition);
        block(scope, st.body);
        return;
      case 'RepeatStatement': {
        const s: Scope = { vars: new Map(), parent: scope, fn: scope.fn };
        withLabels(scope.fn, st.body, () => {
          for (const b of st.body) stat(s, b);
          expr(s, st.condition);
        });
        return;
      }
      case 'IfStatement':
        for (const c of st.clauses) {
          if (c.condition) expr(scope, c.condition);
          block(scope, c.body);
        }
        return;
      case 'ForNumericStatement': {
        expr(scope, st.start);
        expr(scope, st.end);
        expr(scope, st.step);
        const s: Scope = { vars: new Map(), parent: scope, fn: scope.fn };
        declare(s, st.variable);
        block(s, st.body, false);
        return;
      }
      case 'ForGenericStatement': {
        for (const e of st.iterators) expr(scope, e);
        // the loop calls its iterator function: an unknown call, unless it is pairs/ipairs/next
        scope.fn.calls.push({ type: 'CallExpression', $forIterator: st.iterators, base: { type: '$Iterator' }, arguments: [] });
        const s: Scope = { vars: new Map(), parent: scope, fn: scope.fn };
        for (const v of st.variables) declare(s, v);
        block(s, st.body, false);
        return;
      }
      case 'FunctionDeclaration': {
        if (st.isLocal) {
          const v = declare(scope, st.identifier);
          v.funcNode = st;
          func(scope, st, v);
          return;
        }
        // function a.b.c:m() / function f()
        const id = st.identifier;
        if (id.type === 'Identifier') assignName(scope, id);
        else {
          expr(scope, id);
          noteFieldAssign(id);
          if (id.indexer === ':') st.$method = true;
          if (id.identifier.name.startsWith('__')) st.$metaKey = true;
        }
        func(scope, st, undefined);
        return;
      }
      case 'ReturnStatement':
        for (const e of st.arguments) expr(scope, e);
        markSelfTailCall(scope.fn, st);
        return;
      case 'BreakStatement':
      case 'GotoStatement':
      case 'LabelStatement':
        return;
    }
    throw new Error(`resolve: unexpected statement ${st.type}`);
  };

  /** `string.format = f` makes the whole `string` root unknown to the suspension analysis. */
  const noteFieldAssign = (t: any): void => {
    if (t.type === 'MemberExpression') assignedFields.add(t.identifier.name);
    else if (t.type === 'IndexExpression') assignedFields.add(t.index.type === 'StringLiteral' ? String(t.index.raw).slice(1, -1) : '*');
    let b = t;
    while (b.type === 'MemberExpression' || b.type === 'IndexExpression') b = b.base;
    if (b.type === 'Identifier' && b.$var === undefined) assignedGlobals.add(b.name);
  };

  const markSelfTailCall = (fn: FuncInfo, st: any): void => {
    if (st.arguments.length !== 1) return;
    const c = st.arguments[0];
    if (c.type !== 'CallExpression' || c.base.type !== 'Identifier') return;
    if (fn.selfVar !== undefined && c.base.$var === fn.selfVar) {
      c.$selfTail = true;
      fn.hasSelfTailCall = true;
    }
  };

  /** Lua's rule: a goto may not jump forward into the scope of a local declared in the same block. */
  const checkGotos = (body: any[], visible: Map<string, any>): void => {
    const labels = new Map<string, number>();
    body.forEach((st, i) => {
      if (st.type === 'LabelStatement') {
        const name = st.label.name;
        // a label of an enclosing block clashes only when it comes before (later ones are not yet declared)
        const outerLabel = visible.get(name);
        const prev = labels.has(name)
          ? lines.startLine(body[labels.get(name)!])
          : outerLabel !== undefined && outerLabel.range[0] < st.range[0] ? lines.startLine(outerLabel) : undefined;
        if (prev !== undefined) err(st, `label '${name}' already defined on line ${prev}`);
        labels.set(name, i);
      }
    });
    if (labels.size === 0) return;
    body.forEach((st, i) => {
      if (st.type !== 'GotoStatement') return;
      const target = labels.get(st.label.name);
      if (target === undefined || target < i) return;
      // a label followed only by other labels ends the block: it may be jumped to past local declarations
      let end = target;
      while (end + 1 < body.length && body[end + 1].type === 'LabelStatement') end++;
      if (end === body.length - 1) return;
      for (let k = i + 1; k < target; k++) {
        const s = body[k];
        if (s.type === 'LocalStatement' || (s.type === 'FunctionDeclaration' && s.isLocal)) {
          const name = s.type === 'LocalStatement' ? s.variables[0].name : s.identifier.name;
          err(st, `<goto ${st.label.name}> at line ${lines.startLine(st)} jumps into the scope of local '${name}'`);
        }
      }
    });
  };

  block(root, ast.body, true);
  // the parameters/vars of the main chunk live in root; mark the chunk vararg
  return { main, env, functions, assignedGlobals, assignedFields, lines };
}
