// The Lua value model.
//
//   nil       undefined
//   boolean   boolean
//   integer   number (integral, |n| <= 2^53-1) or bigint (outside that range, always wrapped to int64)
//   float     number that is not integral (incl. inf, nan), or LFloat for an integral-valued float (2.0, -0.0, 1e300)
//   string    JS string whose chars are bytes 0..255 ("binary string"; UTF-8 text is stored as its bytes)
//   table     LuaTable
//   function  JS function (Lua functions and built-ins alike)
//   thread    Coroutine (runtime/coroutine.ts)
//
// A raw JS number that is integral is always an integer: float arithmetic boxes integral results (mkfloat).
// Multiple results travel as a Multi (0 or >= 2 values); a single result is returned as is.

export type LuaValue = any;

/** An integral-valued float: keeps 2.0 distinct from 2. */
export class LFloat {
  constructor(readonly n: number) {}
}

/**
 * Boxes of the integral floats in [-2^16, 2^16], made on first use and shared (boxes are immutable
 * and compared by value): float arithmetic over integral values allocates no garbage.
 */
const SHARED_FLOATS: (LFloat | undefined)[] = new Array(2 ** 17 + 1).fill(undefined);

/** The box of an integral float (the caller has checked Number.isInteger(x)). */
export function boxFloat(x: number): LFloat {
  if (x < -65536 || x > 65536 || (x === 0 && 1 / x < 0)) return new LFloat(x);
  const i = x + 65536;
  return SHARED_FLOATS[i] ?? (SHARED_FLOATS[i] = new LFloat(x));
}

/** Zero or several results of a call. A single result is never wrapped. */
export class Multi {
  constructor(readonly v: LuaValue[]) {}
}
export const NONE = new Multi([]);

/** Wrap a list of results in the calling convention: one value as is, otherwise a Multi. */
export function results(v: LuaValue[]): LuaValue {
  return v.length === 1 ? v[0] : new Multi(v);
}
/** The first of a call's results. */
export function first(v: LuaValue): LuaValue {
  return v instanceof Multi ? v.v[0] : v;
}
/** All of a call's results as an array. */
export function all(v: LuaValue): LuaValue[] {
  return v instanceof Multi ? v.v : [v];
}

/** String-keyed part of a table: a prototype-less object so no JS property leaks in. */
export function StrDict(this: any) {}
Object.setPrototypeOf(StrDict.prototype, null);
// StrDict.prototype keeps its `constructor` (deleting it would turn the prototype into a dictionary
// and slow every missing-key lookup); so reads of the key "constructor" must check it is an own key:
// getStr does, and the compiler never inlines that key.
export const PROTO_KEY = 'constructor';
const EMPTY_STR: Record<string, LuaValue> = Object.freeze(new (StrDict as any)());
/** Past this many string keys a table keeps them in a Map (see LuaTable.sm). */
const MAX_RECORD_KEYS = 128;

export class LuaTable {
  /**
   * String keys, in a prototype-less object so V8 gives record-like tables hidden classes and the
   * compiled code inline caches. Shared frozen empty dict until the first string key is written.
   * A key may be present with the value undefined: that is an absent key.
   */
  s: Record<string, LuaValue> = EMPTY_STR;
  /**
   * String keys of a big table (a dictionary rather than a record): past MAX_RECORD_KEYS keys they move
   * here, since V8 property keys must be internalized strings and a Map hashes fresh strings cheaply.
   * Then `s` is the empty dict again, so inline paths miss and take the helpers, which look here.
   */
  sm: Map<string, LuaValue> | undefined = undefined;
  /** string keys ever added to `s`, removed ones included (it triggers the move to `sm`) */
  private sn = 0;
  /** Array part: a[i-1] holds t[i] for 1 <= i <= a.length; never ends in undefined. */
  a: LuaValue[];
  /** Every other key: integers outside the array part, floats, booleans, tables, functions, threads. */
  h: Map<LuaValue, LuaValue> | undefined = undefined;
  mt: LuaTable | undefined = undefined;
  /** Traversal cache for next(): last key returned and the snapshot of keys it came from. */
  private iterKeys: LuaValue[] | undefined = undefined;
  private iterPos = 0;

  constructor(arr?: LuaValue[]) {
    this.a = arr ?? [];
    if (arr !== undefined) while (arr.length > 0 && arr[arr.length - 1] === undefined) arr.pop();
  }

  /** Raw get with any key. */
  get(k: LuaValue): LuaValue {
    if (typeof k === 'string') return this.getStr(k);
    if (typeof k === 'number') {
      if (k >= 1 && k <= this.a.length && Number.isInteger(k)) return this.a[k - 1];
      return this.h === undefined ? undefined : this.h.get(k);
    }
    if (k instanceof LFloat) {
      const fk = floatKey(k.n);
      if (fk instanceof LFloat) return this.h === undefined ? undefined : this.h.get(fk);
      return this.get(fk);
    }
    return this.h === undefined ? undefined : this.h.get(k);
  }

  getInt(i: number): LuaValue {
    if (i >= 1 && i <= this.a.length) return this.a[i - 1];
    return this.h === undefined ? undefined : this.h.get(i);
  }

  getStr(k: string): LuaValue {
    // Map mode first: a property lookup with a freshly built key string would internalize it
    if (this.sm !== undefined) return this.sm.get(k);
    const v = this.s[k];
    if (v !== undefined) return k === PROTO_KEY && !Object.hasOwn(this.s, k) ? undefined : v;
    return v;
  }

  /** Whether the table has any string key. */
  hasStrKeys(): boolean {
    if (this.sm !== undefined) return this.sm.size > 0;
    for (const k in this.s) if (this.s[k] !== undefined) return true;
    return false;
  }

  /** Visit every string key with its (non-nil) value. */
  forEachStr(f: (k: string, v: LuaValue) => void): void {
    const s = this.s;
    for (const k in s) {
      const v = s[k];
      if (v !== undefined) f(k, v);
    }
    if (this.sm !== undefined) for (const [k, v] of this.sm) f(k, v);
  }

  /** Raw set. The caller has checked the key is not nil/NaN (see checkKey). */
  set(k: LuaValue, v: LuaValue): void {
    if (typeof k === 'string') return this.setStr(k, v);
    if (typeof k === 'number') {
      if (Number.isInteger(k)) return this.setInt(k, v);
    } else if (k instanceof LFloat) {
      const fk = floatKey(k.n);
      if (fk instanceof LFloat) return this.setHash(fk, v);
      return this.set(fk, v);
    }
    this.setHash(k, v);
  }

  /**
   * Raw set of a string key. `named`: the key is a field named in the program (a constant key, a library
   * or global name). V8 turns an object grown by keyed stores into a slow dictionary after about 26
   * properties; defining a named field like a named property keeps the dict fast (until MAX_RECORD_KEYS
   * moves the keys to the Map), so big classes, modules and the globals keep their inline caches.
   */
  setStr(k: string, v: LuaValue, named = false): void {
    const sm = this.sm;
    if (sm !== undefined) {
      if (v === undefined) sm.delete(k);
      else sm.set(k, v);
      return;
    }
    let s = this.s;
    if (v === undefined) {
      // the key stays, holding undefined (absent): `delete` would drop the dict to V8's slow
      // dictionary mode; dead keys count towards MAX_RECORD_KEYS, so they stay bounded
      if (s !== EMPTY_STR && s[k] !== undefined) s[k] = undefined;
      return;
    }
    if (s === EMPTY_STR) s = this.s = new (StrDict as any)();
    else if (s[k] === undefined && !Object.hasOwn(s, k)) {
      if (++this.sn > MAX_RECORD_KEYS) {
        this.toMapMode().set(k, v);
        return;
      }
      if (named) {
        Object.defineProperty(s, k, { value: v, writable: true, enumerable: true, configurable: true });
        return;
      }
    }
    s[k] = v;
  }

  /** setStr of a field named in the program (see setStr). */
  setField(k: string, v: LuaValue): void {
    this.setStr(k, v, true);
  }

  /** A table whose string keys are a dict made by a DictTemplate (its keys already counted). */
  static fromDict(dict: Record<string, LuaValue>, keyCount: number): LuaTable {
    const t = new LuaTable();
    t.s = dict;
    t.sn = keyCount;
    return t;
  }

  private toMapMode(): Map<string, LuaValue> {
    const sm = new Map<string, LuaValue>();
    const s = this.s;
    for (const k in s) if (s[k] !== undefined) sm.set(k, s[k]);
    this.s = EMPTY_STR;
    this.sm = sm;
    return sm;
  }

  setInt(i: number, v: LuaValue): void {
    const a = this.a;
    const n = a.length;
    if (i >= 1 && i <= n) {
      a[i - 1] = v;
      if (v === undefined && i === n) {
        // keep the invariant: the array part never ends in nil
        let m = n - 1;
        while (m > 0 && a[m - 1] === undefined) m--;
        a.length = m;
      }
      return;
    }
    if (i === n + 1) {
      if (v === undefined) {
        if (this.h !== undefined) this.h.delete(i);
        return;
      }
      a.push(v);
      const h = this.h;
      if (h !== undefined && h.size > 0) {
        h.delete(i);
        // migrate the keys that now continue the sequence
        let j = i + 1;
        let next: LuaValue;
        while ((next = h.get(j)) !== undefined) {
          a.push(next);
          h.delete(j);
          j++;
        }
      }
      return;
    }
    this.setHash(i, v);
  }

  private setHash(k: LuaValue, v: LuaValue): void {
    if (v === undefined) {
      if (this.h !== undefined) this.h.delete(k);
      return;
    }
    (this.h ??= new Map()).set(k, v);
  }

  /** The border: a length n with t[n] ~= nil and t[n+1] == nil (no metamethods). */
  length(): number {
    const n = this.a.length;
    if (n > 0) return n;
    const h = this.h;
    if (h === undefined || !h.has(1)) return 0;
    // array part empty but hash holds 1, 2, ...: unbounded search as Lua does
    let i = 1;
    while (h.has(i + 1)) i++;
    return i;
  }

  /** Raw next(): the key after k (undefined to start) and its value; undefined when done. */
  next(k: LuaValue): [LuaValue, LuaValue] | undefined {
    let keys = this.iterKeys;
    let pos: number;
    if (k === undefined) {
      keys = this.iterKeys = this.snapshotKeys();
      pos = 0;
    } else {
      if (k instanceof LFloat) k = floatKey(k.n);
      if (keys !== undefined && keys[this.iterPos] === k) {
        pos = this.iterPos + 1;
      } else {
        keys = this.iterKeys = this.snapshotKeys();
        pos = keys.indexOf(k);
        if (pos < 0) {
          if (this.get(k) === undefined) throw new TypeError('invalid key to next');
          // key was added after the snapshot: restart from it is impossible, so treat as not found
          throw new TypeError('invalid key to next');
        }
        pos++;
      }
    }
    for (; pos < keys.length; pos++) {
      const key = keys[pos];
      const v = this.get(key);
      if (v !== undefined) {
        this.iterPos = pos;
        return [key, v];
      }
    }
    this.iterKeys = undefined;
    return undefined;
  }

  /** The keys present now, in traversal order (next() walks them; values read when visited). */
  snapshotKeys(): LuaValue[] {
    const keys: LuaValue[] = [];
    const a = this.a;
    for (let i = 0; i < a.length; i++) if (a[i] !== undefined) keys.push(i + 1);
    for (const k in this.s) keys.push(k);
    if (this.sm !== undefined) for (const k of this.sm.keys()) keys.push(k);
    if (this.h !== undefined) for (const k of this.h.keys()) keys.push(k);
    return keys;
  }
}

/** Normalise a float key: integral floats index as integers. */
export function floatKey(n: number): LuaValue {
  if (Number.isInteger(n)) {
    if (n === 0) return 0;
    if (Math.abs(n) <= Number.MAX_SAFE_INTEGER) return n;
    if (n >= -9223372036854775808 && n < 9223372036854775808) return BigInt(n);
    return new LFloatKey(n);
  }
  return n;
}
/** Integral floats beyond int64 are kept as float keys; interned so equal values hash equal. */
const bigFloatKeys = new Map<number, LFloatKey>();
class LFloatKey extends LFloat {
  constructor(n: number) {
    const k = bigFloatKeys.get(n);
    if (k !== undefined) return k;
    super(n);
    bigFloatKeys.set(n, this);
  }
}

/**
 * Makes string-key dicts that all start with the same keys, fast: a constructor generated for the key
 * list stores each key by name, so every dict shares one hidden class with the keys in-object (key by
 * key, defineProperty costs about as much as the rest of a script instance). A key given the value
 * undefined is present but absent to Lua, and later stores to it are plain stores.
 */
export class DictTemplate {
  private readonly make: new (values: LuaValue[]) => Record<string, LuaValue>;

  constructor(readonly keys: string[]) {
    const body = keys.map((k, i) => `this[${JSON.stringify(k)}] = v[${i}];`).join('\n');
    const Dict = new Function('v', body) as any;
    Dict.prototype = StrDict.prototype;
    this.make = Dict;
  }

  /** A fresh dict holding values[i] under keys[i]. */
  dict(values: LuaValue[]): Record<string, LuaValue> {
    return new this.make(values);
  }
}

export function isTable(v: LuaValue): v is LuaTable {
  return v instanceof LuaTable;
}

/** Lua type name of a value. */
export function type(v: LuaValue): string {
  switch (typeof v) {
    case 'undefined':
      return 'nil';
    case 'boolean':
      return 'boolean';
    case 'number':
    case 'bigint':
      return 'number';
    case 'string':
      return 'string';
    case 'function':
      return 'function';
    case 'object':
      if (v instanceof LuaTable) return 'table';
      if (v instanceof LFloat) return 'number';
      if (v !== null && v.isCoroutine === true) return 'thread';
      return 'userdata';
  }
  return 'userdata';
}

/** A Lua error in flight: `value` is what pcall returns as the error object. */
export class LuaError {
  /** The JS stack at the throw site, when a position had to be derived from it. */
  stack?: string;
  constructor(public value: LuaValue, public traceback?: string) {}
  toString(): string {
    const v = this.value;
    return typeof v === 'string' ? v : `(error object is a ${type(v)} value)`;
  }
}

/** Thrown when the host stops a script (CPU limit, kill). pcall cannot catch it. */
export class LuaKill {
  constructor(public reason: string) {}
  toString(): string {
    return this.reason;
  }
}

/** Lua truthiness. */
export function truthy(v: LuaValue): boolean {
  return v !== undefined && v !== false;
}

// ---- byte strings ----

/** UTF-8 (or any) JS text → Lua byte string. */
export function fromText(s: string): string {
  // fast path: ASCII needs no conversion
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return Buffer.from(s, 'utf8').toString('latin1');
  return s;
}
/** Lua byte string → JS text (bytes decoded as UTF-8). */
export function toText(s: string): string {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return Buffer.from(s, 'latin1').toString('utf8');
  return s;
}
export function fromBytes(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
}
export function toBytes(s: string): Buffer {
  return Buffer.from(s, 'latin1');
}
