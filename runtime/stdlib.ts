// The global environment of a script instance: the standard library plus json.
//
// Library tables are built once per process and shallow-copied into every instance's _ENV, so each
// script can modify its own `string`, `math`, ... without affecting others, and creating an instance
// (one per WebSocket connection) costs a few small tables, not a whole library.

import { makePrint, sharedBase } from './lib/base.js';
import { openCoroutine } from './lib/coroutine.js';
import { makeLoad } from './lib/load.js';
import { openJson } from './lib/json.js';
import { openMath } from './lib/math.js';
import { makeGetenv, openOs, type Environment } from './lib/os.js';
import { openString } from './lib/string.js';
import { openTable } from './lib/table.js';
import { openUtf8 } from './lib/utf8.js';
import { DictTemplate, LuaTable, type LuaValue } from './value.js';

export interface GlobalsOptions {
  /** receives each printed line (a byte string, no newline) */
  print: (line: string) => void;
  /** raw output for print, piece by piece (CLI, tests); takes precedence over print */
  write?: (chunk: string) => void;
}

export interface LibraryOptions {
  /** what os.getenv reads (`moongate run`: the process environment); default: no variables */
  getenv?: Environment;
}

const LIBRARIES = ['string', 'table', 'math', 'utf8', 'os', 'coroutine', 'json'];
let proto: LuaTable | undefined;

function prototypeGlobals(): LuaTable {
  if (proto !== undefined) return proto;
  const G = new LuaTable();
  openString(G);
  openTable(G);
  openMath(G);
  openUtf8(G);
  openOs(G);
  openJson(G);
  openCoroutine(G);
  proto = G;
  return G;
}

const defaultPrint = (line: string): void => {
  process.stdout.write(Buffer.from(line + '\n', 'latin1'));
};

/**
 * A set of library tables (string, table, math, ...) for scripts to use. Each call makes fresh copies
 * of the process-wide originals. A host may share one set among the instances of one script (the
 * gateway does, per script version: its connections are one tenant), so a connection costs no copies.
 */
export interface Libraries {
  tables: [string, LuaTable][];
  /** the string metatable `{ __index = <this set's string table> }` */
  stringMt: LuaTable;
  /** the globals every instance starts with: these tables, the base functions, and per-instance slots */
  globals: DictTemplate;
  globalValues: LuaValue[];
}

/** Globals made per instance: slots in the template, filled by createGlobals. */
const PER_INSTANCE = ['print', '_G', 'load'];

/** One template per key list (in practice one per process): every _ENV dict shares its hidden class. */
const templates = new Map<string, DictTemplate>();

function globalsTemplate(keys: string[]): DictTemplate {
  const id = keys.join('\0');
  let t = templates.get(id);
  if (t === undefined) templates.set(id, (t = new DictTemplate(keys)));
  return t;
}

export function createLibraries(opts: LibraryOptions = {}): Libraries {
  const P = prototypeGlobals();
  const tables: [string, LuaTable][] = [];
  for (const name of LIBRARIES) {
    const lib = P.getStr(name) as LuaTable | undefined;
    if (lib === undefined) continue;
    const copy = new LuaTable();
    lib.forEachStr((k, v) => copy.setField(k, v));
    tables.push([name, copy]);
  }
  if (opts.getenv !== undefined) tables.find(([n]) => n === 'os')![1].setField('getenv', makeGetenv(opts.getenv));
  const stringMt = new LuaTable();
  stringMt.setStr('__index', tables.find(([n]) => n === 'string')![1]);
  const keys: string[] = [];
  const globalValues: LuaValue[] = [];
  const add = (k: string, v: LuaValue): void => {
    if (keys.includes(k)) return;
    keys.push(k);
    globalValues.push(PER_INSTANCE.includes(k) ? undefined : v);
  };
  for (const [name, t] of tables) add(name, t);
  sharedBase().forEachStr(add);
  for (const k of PER_INSTANCE) add(k, undefined);
  return { tables, stringMt, globals: globalsTemplate(keys), globalValues };
}

export function createGlobals(opts: Partial<GlobalsOptions> = {}, libs: Libraries = createLibraries()): LuaTable {
  const G = LuaTable.fromDict(libs.globals.dict(libs.globalValues), libs.globals.keys.length);
  G.setField('print', makePrint({ print: opts.print ?? defaultPrint, write: opts.write }));
  G.setField('_G', G);
  G.setField('load', makeLoad(G));
  return G;
}
