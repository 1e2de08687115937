// Source text → Lua AST (luaparse), plus what luaparse lacks for Lua 5.4:
//  - `local x <const>` / `<close>` attributes (blanked out before parsing, reattached by position);
//  - Lua-worded syntax errors: "chat.lua:3: unexpected symbol near 'x'".
// Strings are byte strings: the source is expected as a latin1 ("binary") JS string.

import { createRequire } from 'node:module';
import { closeNote } from './close-note.js';

// required, not imported: an ESM import of this large CommonJS file costs ~60 ms of export scanning at
// startup (cjs-module-lexer); and required on the first parse, since `moongate run`'s worker loads the
// compiler but rarely compiles (only for `load`)
let luaparseModule: any;
const luaparse = (): any => (luaparseModule ??= createRequire(import.meta.url)('luaparse'));

export class LuaSyntaxError extends Error {
  constructor(
    message: string,
    readonly chunkName: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'LuaSyntaxError';
  }
}

export interface ParsedChunk {
  ast: any;
  source: string;
  /** source offset of a local's name → its attribute ("const" | "close") */
  attribs: Map<number, string>;
  /** source offset → line number (nodes carry ranges, not line/column objects: fewer allocations) */
  lines: LineIndex;
}

/** Line starts of a text, counting line breaks as Lua and luaparse do (\n, \r, \r\n, \n\r). */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      const d = text.charCodeAt(i + 1);
      if ((d === 10 || d === 13) && d !== c) i++;
      this.starts.push(i + 1);
    }
  }
  /** 1-based line of a source offset */
  line(offset: number): number {
    const s = this.starts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
  /** 0-based column of a source offset */
  column(offset: number): number {
    return offset - this.starts[this.line(offset) - 1]!;
  }
  /** line where a node starts */
  startLine(node: any): number {
    return this.line(node.range[0]);
  }
  /** line where a node ends (of its last character) */
  endLine(node: any): number {
    return this.line(node.range[1] - 1);
  }
  /** line of the operator after a binary expression's left operand (where Lua reports its errors) */
  opLine(left: any): number {
    const t = this.text;
    let i = left.range[1];
    for (;;) {
      while (i < t.length && /[\s)]/.test(t[i]!)) i++;
      if (!t.startsWith('--', i)) break;
      const long = /^--\[(=*)\[/.exec(t.slice(i, i + 64));
      const close = long ? t.indexOf(`]${long[1]}]`, i) : -1;
      if (long && close >= 0) i = close + long[1].length + 2;
      else while (i < t.length && t[i] !== '\n' && t[i] !== '\r') i++;
    }
    return this.line(Math.min(i, t.length - 1));
  }
}

export function parse(source: string, chunkName: string): ParsedChunk {
  const { text, attribs } = stripAttribs(source, chunkName);
  let ast: any;
  // a numeral that touches a name character or a point ("3x", "1..2"), or that Lua would not read, sends
  // the text through the exact (slower) malformed-numeral scan
  let suspectNumeral = false;
  const onCreateNode = (node: any): void => {
    if (node.type === 'NumericLiteral' && !suspectNumeral) {
      const next = text.charCodeAt(node.range[1]);
      if (isNameChar(next) || next === 46 || !validNumeral(node.raw)) suspectNumeral = true;
    }
  };
  try {
    // encodingMode 'none': luaparse compares token values with keywords and punctuation without
    // checking the token type, so string values like "end" or "}" would confuse it; strings are
    // decoded from their raw text afterwards (decodeStrings).
    ast = luaparse().parse(text, {
      luaVersion: '5.3',
      encodingMode: 'none',
      locations: false,
      ranges: true,
      comments: false,
      scope: false,
      onCreateNode,
    } as any);
  } catch (e: any) {
    if (e instanceof luaparse().SyntaxError || (e && typeof e.line === 'number')) {
      // a malformed numeral before the point of failure is what Lua's lexer reports first
      const bad = malformedNumeral(text);
      if (bad !== undefined && bad.at <= e.index) throwMalformed(bad, text, chunkName);
      const msg = closeNote(stringErrorNear(luaWording(String(e.message), e.line, text, e.index), text, e.index), text, e.index, e.line);
      throw new LuaSyntaxError(`${chunkName}:${e.line}: ${msg}`, chunkName, e.line, e.column + 1);
    }
    // luaparse cannot report a bad character as the very first token (it has no previous token)
    const first = /\S/.exec(text);
    if (e instanceof TypeError && first !== null) {
      const lines = new LineIndex(text);
      const line = lines.line(first.index);
      throw new LuaSyntaxError(`${chunkName}:${line}: unexpected symbol near ${quoteToken(first[0])}`, chunkName, line, lines.column(first.index) + 1);
    }
    throw e;
  }
  const bad = suspectNumeral ? malformedNumeral(text) : undefined;
  if (bad !== undefined) throwMalformed(bad, text, chunkName);
  return { ast, source: text, attribs, lines: new LineIndex(text) };
}

// ---- numerals touching letters ("3x", "1and", "0xep-p") are one malformed token for Lua ----

const DEC_NUMERAL = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;
const HEX_NUMERAL = /^0[xX](?:[0-9a-fA-F]+(?:\.[0-9a-fA-F]*)?|\.[0-9a-fA-F]+)(?:[pP][-+]?\d+)?$/;
const NUMERAL_RUN = /(?<![\w.])\.?\d[\w.]*(?:[eEpP][-+][\w.]*)*/g;
const validNumeral = (t: string): boolean => DEC_NUMERAL.test(t) || HEX_NUMERAL.test(t);

/** The text read_numeral reads from offset i: digits, hex letters, points, exponents, one letter more. */
function readNumeral(src: string, i: number): number {
  let expo = 'Ee';
  let j = i + 1;
  if (src[i] === '0' && (src[j] === 'x' || src[j] === 'X')) {
    expo = 'Pp';
    j++;
  }
  for (;;) {
    const c = src[j];
    if (c === undefined) break;
    if (expo.includes(c)) {
      j++;
      if (src[j] === '-' || src[j] === '+') j++;
    } else if (/[0-9a-fA-F.]/.test(c)) j++;
    else break;
  }
  if (src[j] !== undefined && /[A-Za-z_]/.test(src[j])) j++;
  return j;
}

/** The first malformed numeral outside strings and comments, if any (a cheap regex filter first). */
function malformedNumeral(src: string): { at: number; text: string } | undefined {
  NUMERAL_RUN.lastIndex = 0;
  let m: RegExpExecArray | null;
  let suspicious = false;
  while ((m = NUMERAL_RUN.exec(src)) !== null) {
    if (!validNumeral(m[0])) {
      suspicious = true;
      break;
    }
  }
  if (!suspicious) return undefined;
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i];
    if (c === '-' && src[i + 1] === '-') {
      const lv = longBracket(src, i + 2);
      if (lv >= 0) i = skipLong(src, i + 2, lv);
      else while (i < n && src[i] !== '\n' && src[i] !== '\r') i++;
    } else if (c === '[' && longBracket(src, i) >= 0) {
      i = skipLong(src, i, longBracket(src, i));
    } else if (c === '"' || c === "'") {
      i++;
      while (i < n && src[i] !== c && src[i] !== '\n' && src[i] !== '\r') {
        if (src[i] === '\\') {
          i++;
          if (src[i] === 'z') while (i + 1 < n && /[ \f\n\r\t\v]/.test(src[i + 1])) i++;
        }
        i++;
      }
      i++;
    } else if (/[A-Za-z_]/.test(c)) {
      while (i < n && /\w/.test(src[i])) i++;
    } else if (/\d/.test(c) || (c === '.' && /\d/.test(src[i + 1] ?? ''))) {
      const j = readNumeral(src, i);
      const text = src.slice(i, j);
      if (!validNumeral(text)) return { at: i, text };
      i = j;
    } else if (c === '.') {
      while (src[i] === '.') i++;
    } else i++;
  }
  return undefined;
}

function throwMalformed(bad: { at: number; text: string }, text: string, chunkName: string): never {
  const lines = new LineIndex(text);
  const line = lines.line(bad.at);
  throw new LuaSyntaxError(`${chunkName}:${line}: malformed number near '${bad.text}'`, chunkName, line, lines.column(bad.at) + 1);
}

/** The bytes of a string literal node (decoded on first use, from its raw text). */
export function stringValue(node: any): string {
  return (node.$v ??= decodeLuaString(node.raw));
}

/** The bytes of a Lua string literal (quoted with escapes, or a long bracket string). */
export function decodeLuaString(raw: string): string {
  const q = raw.charCodeAt(0);
  if (q === 91) {
    // [==[ ... ]==]: no escapes; a newline right after the opening bracket is skipped
    const level = raw.indexOf('[', 1) + 1;
    let body = raw.slice(level, raw.length - level);
    if (body.startsWith('\r\n') || body.startsWith('\n\r')) body = body.slice(2);
    else if (body.startsWith('\n') || body.startsWith('\r')) body = body.slice(1);
    return body.replace(/\r\n|\n\r|\r/g, '\n');
  }
  const body = raw.slice(1, -1);
  if (body.indexOf('\\') < 0) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    switch (e) {
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '\\': out += '\\'; break;
      case '"': out += '"'; break;
      case "'": out += "'"; break;
      case '\n':
        out += '\n';
        if (body[i + 1] === '\r') i++;
        break;
      case '\r':
        out += '\n';
        if (body[i + 1] === '\n') i++;
        break;
      case 'x':
        out += String.fromCharCode(parseInt(body.slice(i + 1, i + 3), 16));
        i += 2;
        break;
      case 'z': {
        i++;
        while (i < body.length && /[ \f\n\r\t\v]/.test(body[i])) i++;
        i--;
        break;
      }
      case 'u': {
        const close = body.indexOf('}', i);
        out += utf8Bytes(parseInt(body.slice(i + 2, close), 16));
        i = close;
        break;
      }
      default: {
        // \ddd: up to three decimal digits
        let j = i;
        while (j < i + 3 && j < body.length && body.charCodeAt(j) >= 48 && body.charCodeAt(j) <= 57) j++;
        out += String.fromCharCode(parseInt(body.slice(i, j), 10));
        i = j - 1;
      }
    }
  }
  return out;
}

/** UTF-8 bytes of a code point, extended to 6 bytes for values up to 2^31 as Lua does. */
function utf8Bytes(x: number): string {
  if (x < 0x80) return String.fromCharCode(x);
  const bytes: number[] = [];
  let mfb = 0x3f;
  let v = x;
  do {
    bytes.unshift(0x80 | (v & 0x3f));
    v = Math.floor(v / 64);
    mfb >>= 1;
  } while (v > mfb);
  bytes.unshift(((~mfb << 1) & 0xff) | v);
  return String.fromCharCode(...bytes);
}

const LUA_KEYWORDS = new Set(
  'and break do else elseif end false for function goto if in local nil not or repeat return then true until while'.split(' '),
);

/** luaparse's messages, reworded as Lua 5.4 prints them (the source text disambiguates some). */
/** A one-character token as Lua quotes it: '<\NNN>' for a byte that is not printable ASCII. */
function quoteToken(c: string): string {
  const b = c.charCodeAt(0);
  return b >= 32 && b < 127 ? `'${c}'` : `'<\\${b}>'`;
}

function luaWording(msg: string, line: number, src: string, index: number): string {
  let m = msg.replace(/^\[\d+:\d+\]\s*/, '');
  m = m.replace(/near '<eof>'/g, 'near <eof>');
  const before = typeof index === 'number' ? src.slice(0, index).replace(/\s+$/, '') : '';
  m = m.replace(/^unexpected symbol near/, 'syntax error near');
  m = m.replace(/^<expression> expected near/, 'unexpected symbol near');
  m = m.replace(/^<goto (.*)> jumps into the scope of local '(.*)'$/, `<goto $1> at line ${line} jumps into the scope of local '$2'`);
  // `a, b` wants '='; a lone expression that is not a call is a "syntax error"
  // (the last item of such a list is one name or field: `a, b c` ended the list, c starts a statement)
  if (/^'=' expected near/.test(m) && !/,\s*[\w.\[\]"']*$/.test(before)) m = m.replace(/^'=' expected near/, 'syntax error near');
  // an argument list cut short: Lua was expecting an expression
  if (/^'\)' expected near/.test(m) && /[(,]$/.test(before)) m = m.replace(/^'\)' expected near/, 'unexpected symbol near');
  m = m.replace(/^no visible label '(.*)' for <goto>$/, `no visible label '$1' for <goto> at line ${line}`);
  m = m.replace(/^no loop to break near .*$/, `break outside loop at line ${line}`);
  const u = /^unexpected (identifier|string|number|keyword|symbol) '(.*)' near .*$/.exec(m);
  if (u !== null) {
    // a character no token starts with (luaparse fails to lex it; Lua's parser sees a one-char token)
    const badChar = u[1] === 'symbol' && u[2].length === 1 && !/[\w\s+\-*/%^#&~|<>=(){}[\];:,.'"]/.test(u[2]);
    // after an expression statement's variable (`x @`), Lua wanted '=' or a call: "syntax error"
    const lastVar = /(?:^|[;\n]|\b(?:do|then|else|end))\s*([A-Za-z_]\w*)[\w.]*(?:\[[^\]\n]*\])?$/.exec(before);
    const afterVar = lastVar !== null && !LUA_KEYWORDS.has(lastVar[1]) &&
      !/\b(?:return|local|and|or|not|if|while|until|elseif|for|function|in|goto)\s+[\w.]*(?:\[[^\]\n]*\])?$/.test(before);
    // after a complete block (closed by a block keyword, or a return), Lua expected the end of the chunk
    const openExpr = /(?:[-+*/%^#&|~<>=(,{[.]|\b(?:and|or|not))$/.test(before);
    const blockEnd = ['end', 'elseif', 'else', 'until'].includes(u[2]) || (/\breturn\s+[^\n;]*\S$/.test(before) && !openExpr);
    if (badChar && afterVar) m = `syntax error near '${u[2]}'`;
    else if ((u[2] === '=' || u[2] === ',') && endsTargetList(before)) m = `syntax error near '${u[2]}'`;
    else m = blockEnd && u[2] !== 'return' ? `<eof> expected near '${u[2]}'` : `unexpected symbol near '${u[2]}'`;
  }
  return m.replace(/near '([^])'$/, (_, c: string) => `near ${quoteToken(c)}`);
}

const STATEMENT_BOUNDARY = new Set(['do', 'then', 'else', 'repeat', 'end', 'break', 'true', 'false', 'nil']);

/**
 * Whether `before` ends with the target list of an assignment statement (`f()`, `a, (b)`): there Lua
 * checks each target is a variable, and an `=` or `,` after a call or a parenthesized expression is a
 * "syntax error" (elsewhere, as after `x = f()`, the `=` starts a new statement: "unexpected symbol").
 */
function endsTargetList(before: string): boolean {
  let end = before.length;
  for (;;) {
    const start = suffixedExpStart(before, end);
    if (start === end) return false;
    const prev = before.slice(0, start).replace(/\s+$/, '');
    if (prev.endsWith(',')) {
      end = prev.length - 1;
      continue;
    }
    if (prev === '' || prev.endsWith(';') || prev.endsWith('::') || /[\w"'\])}]$/.test(prev)) {
      const word = /[A-Za-z_]\w*$/.exec(prev);
      return word === null || !LUA_KEYWORDS.has(word[0]) || STATEMENT_BOUNDARY.has(word[0]);
    }
    return false;
  }
}

/** Where the suffixed expression (`a.b[c](d):e"s"`, `(x)`) that ends at `end` starts (`end` if none). */
function suffixedExpStart(src: string, end: number): number {
  let start = end;
  let i = end;
  for (;;) {
    while (i > 0 && /\s/.test(src[i - 1])) i--;
    const c = src[i - 1];
    let j: number;
    if (c === ')' || c === ']' || c === '}') j = openingBracket(src, i - 1);
    else if (c === '"' || c === "'") j = src.lastIndexOf(c, i - 2);
    else {
      const w = /[A-Za-z_]\w*$/.exec(src.slice(0, i));
      j = w === null || LUA_KEYWORDS.has(w[0]) ? -1 : w.index;
    }
    if (j < 0) return start;
    start = j;
    let k = j;
    while (k > 0 && /\s/.test(src[k - 1])) k--;
    const p = src[k - 1] ?? '';
    const isName = /[A-Za-z_]/.test(src[j]);
    // a name continues a chain after `.` or `:`; a call, index or string suffix follows any prefix
    if (isName && /[.:]/.test(p) && src[k - 2] !== '.') i = k - 1;
    else if (!isName && /[)\]}"'\w]/.test(p) && !isKeywordBefore(src, k)) i = k;
    else return start;
  }
}

function isKeywordBefore(src: string, k: number): boolean {
  const w = /[A-Za-z_]\w*$/.exec(src.slice(0, k));
  return w !== null && LUA_KEYWORDS.has(w[0]);
}

/** The index of the bracket that opens the one at `close`, skipping nested brackets (-1 if none). */
function openingBracket(src: string, close: number): number {
  let depth = 0;
  for (let i = close; i >= 0; i--) {
    const c = src[i];
    if (c === ')' || c === ']' || c === '}') depth++;
    else if (c === '(' || c === '[' || c === '{') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/**
 * Errors inside a string literal: Lua shows the literal read so far (from its opening quote) up to the
 * offending character, where luaparse shows only the escape; an unfinished string at the end of the
 * input is "near <eof>".
 */
function stringErrorNear(msg: string, src: string, index: number): string {
  const m = /^(hexadecimal digit expected|invalid escape sequence|decimal escape too large|UTF-8 value too large|missing '\{'[^']*|missing '\}'[^']*|unfinished string) near '(.*)'$/s.exec(msg);
  if (m === null || typeof index !== 'number') return msg;
  const start = stringStartBefore(src, index);
  if (start < 0) return msg;
  const lexed = lexStringError(src, start);
  if (lexed !== undefined) return lexed;
  if (m[1] === 'unfinished string') {
    const nl = src.indexOf('\n', start);
    return nl < 0 ? 'unfinished string near <eof>' : msg;
  }
  const esc = src.indexOf(m[2], start);
  if (esc < 0) return msg;
  if (m[1] === 'UTF-8 value too large') {
    // Lua stops at the first digit that would overflow 2^31 and shows it
    let r = 0;
    let j = esc + 3;
    while (j < src.length && /[0-9a-fA-F]/.test(src[j]) && r <= 0x7ffffff) r = r * 16 + parseInt(src[j++], 16);
    return `${m[1]} near '${src.slice(start, j + 1)}'`;
  }
  // luaparse's text ends before the character Lua had just read, except for \x and invalid escapes
  const extra = m[1] === 'invalid escape sequence' || (m[1] === 'hexadecimal digit expected' && m[2].startsWith('\\x')) ? 0 : 1;
  return `${m[1]} near '${src.slice(start, Math.min(src.length, esc + m[2].length + extra))}'`;
}

/** The opening quote of the short string literal that the source offset `index` falls in, or -1. */
function stringStartBefore(src: string, index: number): number {
  let i = 0;
  const skipLong = (at: number, level: number): number => {
    const close = src.indexOf(']' + '='.repeat(level) + ']', at);
    return close < 0 ? src.length : close + level + 2;
  };
  while (i < index) {
    const c = src[i];
    if (c === '-' && src[i + 1] === '-') {
      const level = longBracket(src, i + 2);
      if (level >= 0) i = skipLong(i + 2, level);
      else while (i < src.length && src[i] !== '\n' && src[i] !== '\r') i++;
    } else if (c === '[' && longBracket(src, i) >= 0) {
      i = skipLong(i, longBracket(src, i));
    } else if (c === '"' || c === "'") {
      const start = i++;
      for (;;) {
        const d = src[i];
        if (d === undefined || d === '\n' || d === '\r') return start;
        i++;
        if (d === c) break;
        if (d === '\\') {
          if (src[i] === 'z') {
            i++;
            while (i < src.length && /[ \f\n\r\t\v]/.test(src[i])) i++;
          } else if (src[i] === '\r' || src[i] === '\n') {
            const e = src[i++];
            if ((src[i] === '\n' || src[i] === '\r') && src[i] !== e) i++;
          } else i++;
        }
      }
      if (i >= index) return start;
    } else i++;
  }
  return -1;
}

/**
 * Lua's read_string from the opening quote at `start`: the first lexical error, worded as llex.c does
 * it, with the token text Lua shows (the quote, the content read so far with its escapes decoded, and
 * the raw text of the escape that failed up to the offending character); undefined if the literal is
 * well formed.
 */
function lexStringError(src: string, start: number): string | undefined {
  const del = src[start];
  const isHex = (c: string | undefined): boolean => c !== undefined && /[0-9a-fA-F]/.test(c);
  const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
  let buf = del;
  let i = start + 1;
  const fail = (what: string, esc: string): string => {
    // esccheck adds the current character to the token text, unless at the end of the input
    const cur = i < src.length ? src[i] : '';
    return `${what} near '${buf}${esc}${cur}'`;
  };
  for (;;) {
    if (i >= src.length) return 'unfinished string near <eof>';
    const c = src[i];
    if (c === del) return undefined;
    if (c === '\n' || c === '\r') return `unfinished string near '${buf}'`;
    if (c !== '\\') {
      buf += c;
      i++;
      continue;
    }
    i++;
    const e = src[i];
    if (e === undefined) return 'unfinished string near <eof>';
    const simple = 'abfnrtv\\"\''.indexOf(e);
    if (simple >= 0) {
      buf += '\x07\b\f\n\r\t\v\\"\''[simple];
      i++;
    } else if (e === '\n' || e === '\r') {
      i++;
      if ((src[i] === '\n' || src[i] === '\r') && src[i] !== e) i++;
      buf += '\n';
    } else if (e === 'z') {
      i++;
      while (i < src.length && /[ \f\n\r\t\v]/.test(src[i])) i++;
    } else if (e === 'x') {
      i++;
      if (!isHex(src[i])) return fail('hexadecimal digit expected', '\\x');
      i++;
      if (!isHex(src[i])) return fail('hexadecimal digit expected', '\\x' + src[i - 1]);
      buf += String.fromCharCode(parseInt(src.slice(i - 1, i + 1), 16));
      i++;
    } else if (e === 'u') {
      const from = i - 1;
      i++;
      if (src[i] !== '{') return fail("missing '{'", src.slice(from, i));
      i++;
      if (!isHex(src[i])) return fail('hexadecimal digit expected', src.slice(from, i));
      let r = parseInt(src[i], 16);
      i++;
      while (isHex(src[i])) {
        if (r > 0x7ffffff) return fail('UTF-8 value too large', src.slice(from, i));
        r = r * 16 + parseInt(src[i], 16);
        i++;
      }
      if (src[i] !== '}') return fail("missing '}'", src.slice(from, i));
      i++;
      buf += utf8Bytes(r);
    } else if (isDigit(e)) {
      const from = i;
      let r = 0;
      while (i - from < 3 && isDigit(src[i])) r = r * 10 + (src.charCodeAt(i++) - 48);
      if (r > 255) return fail('decimal escape too large', '\\' + src.slice(from, i));
      buf += String.fromCharCode(r);
    } else {
      return fail('invalid escape sequence', '\\');
    }
  }
}

// ---- attribute pre-pass ----

function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}
function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57);
}
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12;
}

/** Long bracket level at i ("[[" → 0, "[==[" → 2), or -1. */
function longBracket(s: string, i: number): number {
  if (s.charCodeAt(i) !== 91) return -1;
  let j = i + 1;
  while (s.charCodeAt(j) === 61) j++;
  return s.charCodeAt(j) === 91 ? j - i - 1 : -1;
}
function skipLong(s: string, i: number, level: number): number {
  const close = ']' + '='.repeat(level) + ']';
  const e = s.indexOf(close, i + level + 2);
  return e < 0 ? s.length : e + close.length;
}

/**
 * Find `local a <const>, b <close>` and blank out the `<...>` parts so luaparse accepts them.
 * Strings and comments are skipped. Positions are preserved (blanked with spaces).
 */
function stripAttribs(src: string, chunkName: string): { text: string; attribs: Map<number, string> } {
  const attribs = new Map<number, string>();
  if (src.indexOf('<') < 0 && src.indexOf('\\u{') < 0 && !/0[xX]\./.test(src)) return { text: src, attribs };
  const out = new Map<number, string>(); // position → replacement text ('' removes the char)
  let i = 0;
  const n = src.length;
  let prevWasLocal = false;
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === 45 && src.charCodeAt(i + 1) === 45) {
      const lv = longBracket(src, i + 2);
      if (lv >= 0) i = skipLong(src, i + 2, lv);
      else {
        const e = src.indexOf('\n', i);
        i = e < 0 ? n : e;
      }
      continue;
    }
    if (c === 34 || c === 39) {
      i++;
      while (i < n && src.charCodeAt(i) !== c) {
        if (src.charCodeAt(i) === 92) {
          if (src.charCodeAt(i + 1) === 117 && src.charCodeAt(i + 2) === 123) rewriteBigUtf8Escape(src, i, out);
          i++;
        } else if (src.charCodeAt(i) === 10) break;
        i++;
      }
      i++;
      prevWasLocal = false;
      continue;
    }
    if (c === 91) {
      const lv = longBracket(src, i);
      if (lv >= 0) {
        i = skipLong(src, i, lv);
        prevWasLocal = false;
        continue;
      }
    }
    if (c === 48 && (src.charCodeAt(i + 1) | 32) === 120 && src.charCodeAt(i + 2) === 46 && (i === 0 || !isNameChar(src.charCodeAt(i - 1)))) {
      // luaparse wants a digit before the point of a hex float: 0x.8 → 0x0.8
      out.set(i + 1, src[i + 1] + '0');
      i += 3;
      continue;
    }
    if (isNameStart(c)) {
      let j = i;
      while (j < n && isNameChar(src.charCodeAt(j))) j++;
      if (j - i === 5 && src.startsWith('local', i) && (i === 0 || !isNameChar(src.charCodeAt(i - 1)))) {
        i = scanLocalNames(src, j, out, attribs, chunkName);
        prevWasLocal = true;
        continue;
      }
      i = j;
      prevWasLocal = false;
      continue;
    }
    i++;
  }
  void prevWasLocal;
  if (out.size === 0) return { text: src, attribs };
  let text = '';
  let from = 0;
  for (const p of [...out.keys()].sort((a, b) => a - b)) {
    text += src.slice(from, p) + out.get(p);
    from = p + 1;
  }
  return { text: text + src.slice(from), attribs };
}

/** After `local`: Name [attrib] {, Name [attrib]}. Returns the index where scanning resumes. */
function scanLocalNames(src: string, i: number, out: Map<number, string>, attribs: Map<number, string>, chunkName: string): number {
  const n = src.length;
  for (;;) {
    while (i < n && isSpace(src.charCodeAt(i))) i++;
    if (!isNameStart(src.charCodeAt(i))) return i;
    let j = i;
    while (j < n && isNameChar(src.charCodeAt(j))) j++;
    if (src.slice(i, j) === 'function') return i;
    const nameStart = i;
    i = j;
    while (i < n && isSpace(src.charCodeAt(i))) i++;
    if (src.charCodeAt(i) === 60) {
      // '<' Name '>'
      let k = i + 1;
      while (k < n && isSpace(src.charCodeAt(k))) k++;
      let e = k;
      while (e < n && isNameChar(src.charCodeAt(e))) e++;
      const attr = src.slice(k, e);
      let g = e;
      while (g < n && isSpace(src.charCodeAt(g))) g++;
      if (src.charCodeAt(g) !== 62) return i;
      if (attr !== 'const' && attr !== 'close') {
        const line = src.slice(0, i).split('\n').length;
        throw new LuaSyntaxError(`${chunkName}:${line}: unknown attribute '${attr}'`, chunkName, line, 0);
      }
      attribs.set(nameStart, attr);
      for (let p = i; p <= g; p++) if (src[p] !== '\n') out.set(p, ' ');
      i = g + 1;
      while (i < n && isSpace(src.charCodeAt(i))) i++;
    }
    if (src.charCodeAt(i) !== 44) return i;
    i++;
  }
}

/**
 * Lua 5.4 accepts `\u{XXX}` up to 2^31 (encoded in up to 6 bytes); luaparse stops at 10FFFF.
 * Larger escapes are rewritten as decimal byte escapes (only columns on that line move).
 */
function rewriteBigUtf8Escape(src: string, i: number, out: Map<number, string>): void {
  const close = src.indexOf('}', i + 3);
  if (close < 0) return;
  const hex = src.slice(i + 3, close);
  if (!/^[0-9a-fA-F]+$/.test(hex)) return;
  const x = parseInt(hex, 16);
  if (x <= 0x10ffff || x > 0x7fffffff) return;
  const bytes = utf8Bytes(x);
  let esc = '';
  for (let k = 0; k < bytes.length; k++) esc += '\\' + String(bytes.charCodeAt(k)).padStart(3, '0');
  out.set(i, esc);
  for (let p = i + 1; p <= close; p++) out.set(p, '');
}
