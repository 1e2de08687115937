// Lua's check_match: when a block or bracket is not closed and the error is on a later line than its
// opening, the message says which: "'end' expected (to close 'function' at line 3) near <eof>".
// luaparse reports only "'end' expected near ...", so the opening is found here by a light scan of the
// source up to the error (error path only).

interface Open {
  what: string;
  line: number;
  /** a `while`/`for` whose `do` is still to come */
  needDo: boolean;
}

const CLOSERS: Record<string, string[]> = {
  end: ['function', 'if', 'while', 'for', 'do'],
  until: ['repeat'],
  ')': ['('],
  '}': ['{'],
};

/** The message with Lua's "(to close 'x' at line n)" note added when it applies. */
export function closeNote(msg: string, src: string, index: number, line: number): string {
  const m = /^'(end|until|\)|\})' expected near /.exec(msg);
  if (m === null || typeof index !== 'number') return msg;
  const top = openAt(src, index);
  if (top === undefined || top.line === line || !CLOSERS[m[1]].includes(top.what)) return msg;
  return `'${m[1]}' expected (to close '${top.what}' at line ${top.line}) near ` + msg.slice(m[0].length);
}

function openAt(src: string, end: number): Open | undefined {
  const stack: Open[] = [];
  let line = 1;
  let i = 0;
  // after `function`, the name and then the parameter list (closed by checknext: no note)
  let funcHead = false;
  const longEnd = (j: number): number => {
    // src[j] === '[': a long bracket [==[ ... ]==]; returns the index after it, or -1 if not one
    let k = j + 1;
    while (src[k] === '=') k++;
    if (src[k] !== '[') return -1;
    const close = ']' + '='.repeat(k - j - 1) + ']';
    const e = src.indexOf(close, k + 1);
    const stop = e < 0 ? src.length : e + close.length;
    for (let p = j; p < stop; p++) if (src.charCodeAt(p) === 10) line++;
    return stop;
  };
  while (i < end) {
    const c = src[i];
    if (c === '\n') {
      line++;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') {
      i++;
      continue;
    }
    if (c === '-' && src[i + 1] === '-') {
      if (src[i + 2] === '[') {
        const e = longEnd(i + 2);
        if (e >= 0) {
          i = e;
          continue;
        }
      }
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '"' || c === "'") {
      i++;
      while (i < src.length && src[i] !== c && src[i] !== '\n') {
        if (src[i] === '\\') {
          if (src[i + 1] === '\n') line++;
          i++;
        }
        i++;
      }
      i++;
      funcHead = false;
      continue;
    }
    if (c === '[') {
      const e = longEnd(i);
      if (e >= 0) {
        i = e;
        funcHead = false;
        continue;
      }
      stack.push({ what: '[', line, needDo: false });
      i++;
      funcHead = false;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < src.length && /\w/.test(src[j])) j++;
      const w = src.slice(i, j);
      i = j;
      switch (w) {
        case 'function':
          stack.push({ what: w, line, needDo: false });
          funcHead = true;
          continue;
        case 'if':
        case 'repeat':
          stack.push({ what: w, line, needDo: false });
          break;
        case 'while':
        case 'for':
          stack.push({ what: w, line, needDo: true });
          break;
        case 'do': {
          const t = stack[stack.length - 1];
          if (t !== undefined && t.needDo) t.needDo = false;
          else stack.push({ what: w, line, needDo: false });
          break;
        }
        case 'end':
        case 'until':
          stack.pop();
          break;
        default:
          if (funcHead) continue; // the function's name
      }
      funcHead = false;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      i++;
      while (i < src.length && (/[\w.]/.test(src[i]) || ((src[i] === '-' || src[i] === '+') && /[eEpP]/.test(src[i - 1])))) i++;
      funcHead = false;
      continue;
    }
    if (c === '(' || c === '{') {
      stack.push({ what: funcHead && c === '(' ? 'params' : c, line, needDo: false });
    } else if (c === ')' || c === '}' || c === ']') {
      stack.pop();
    } else if (funcHead && (c === '.' || c === ':')) {
      i++;
      continue;
    }
    funcHead = false;
    i++;
  }
  return stack[stack.length - 1];
}
