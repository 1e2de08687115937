// Script lifecycle: validate, compile (worker pool), store (SQLite), route (registry).
import { randomUUID } from 'node:crypto';
import { deserialize } from 'node:v8';
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, dirname } from 'node:path';
import type { ScriptStore, ScriptRow, ScriptMeta } from './store.js';
import { metaOf } from './store.js';
import { Registry, METHODS, normalizePath, type ScriptVersion } from './registry.js';
import type { CompilePool } from './compile-pool.js';
import { createInstance, createLibraries, fromText, type Libraries } from './lua.js';
import { log } from './log.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export interface ScriptInput {
  name?: unknown;
  path?: unknown;
  methods?: unknown;
  method?: unknown;
  code?: unknown;
  auth?: unknown;
  description?: unknown;
}

const DB_RE = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/;

export function checkDb(db: string): string {
  if (!DB_RE.test(db)) throw new ApiError(400, `invalid database name '${db}'`);
  return db;
}

function chunkNameOf(name: string): string {
  return name.endsWith('.lua') ? name : `${name}.lua`;
}

function parseMethods(v: unknown): string[] {
  const arr = typeof v === 'string' ? [v] : v;
  if (!Array.isArray(arr) || arr.length === 0) throw new ApiError(400, `'methods' must be a non-empty array of ${METHODS.join(', ')}`);
  const out = new Set<string>();
  for (const m of arr) {
    const u = typeof m === 'string' ? m.toUpperCase() : '';
    if (!(METHODS as readonly string[]).includes(u)) throw new ApiError(400, `unknown method '${String(m)}' (use ${METHODS.join(', ')})`);
    out.add(u);
  }
  return [...out];
}

function parseAuth(v: unknown): 'none' | 'required' {
  if (v === undefined || v === null || v === 'none' || v === false || v === 'optional') return 'none';
  if (v === 'required' || v === true) return 'required';
  throw new ApiError(400, `'auth' must be "required" or "none"`);
}

type CompiledScript = Parameters<typeof createInstance>[0];

function versionOf(row: ScriptRow, forwards: boolean): ScriptVersion {
  const blob = row.compiled;
  let script: CompiledScript | undefined;
  // the library tables (string, math, ...) are shared by the instances of one version: one tenant,
  // and a connection then costs no copies of them
  let libraries: Libraries | undefined;
  return {
    meta: metaOf(row),
    chunkName: chunkNameOf(row.name),
    // decoded on first use, then shared by every instance of this version
    factory: (opts) => createInstance((script ??= deserialize(blob) as CompiledScript), { ...opts, libraries: (libraries ??= createLibraries()) }),
    forwards,
  };
}

const toBuffer = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

export class ScriptService {
  readonly registry = new Registry();

  constructor(
    private readonly store: ScriptStore,
    private readonly pool: CompilePool,
    private readonly fingerprint: string,
  ) {}

  /** Load every stored script; recompile those compiled by another compiler version. */
  async load(): Promise<void> {
    for (const row of this.store.all()) {
      let forwards: boolean;
      if (row.compiler !== this.fingerprint) {
        const r = await this.pool.compile(fromText(row.code), chunkNameOf(row.name));
        if (!r.ok) {
          log.error({ script: row.name, db: row.db, err: r.error }, 'stored script no longer compiles; not routed');
          continue;
        }
        row.compiled = toBuffer(r.blob);
        row.compiler = this.fingerprint;
        forwards = r.forwards;
        this.store.update(row);
        log.info({ script: row.name, db: row.db }, 'recompiled stored script for this compiler version');
      } else {
        forwards = await this.pool.forwards(fromText(row.code));
      }
      this.registry.set(versionOf(row, forwards));
    }
  }

  list(db: string): ScriptMeta[] {
    return this.store.list(db).map(metaOf);
  }

  get(db: string, id: string): ScriptRow {
    const row = this.store.get(db, id);
    if (row === undefined) throw new ApiError(404, `script '${id}' not found in database '${db}'`);
    return row;
  }

  private async compile(code: string, name: string): Promise<{ blob: Buffer; forwards: boolean }> {
    const r = await this.pool.compile(fromText(code), chunkNameOf(name));
    if (!r.ok) throw new ApiError(400, r.error, { line: r.line, column: r.column });
    return { blob: toBuffer(r.blob), forwards: r.forwards };
  }

  async create(db: string, input: ScriptInput): Promise<ScriptMeta> {
    checkDb(db);
    const path = typeof input.path === 'string' ? normalizePath(input.path) : undefined;
    if (path === undefined) throw new ApiError(400, `'path' must be a non-empty path like "chat" or "users/:id"`);
    const name = input.name === undefined ? path : input.name;
    if (typeof name !== 'string' || name === '') throw new ApiError(400, `'name' must be a non-empty string`);
    const methods = parseMethods(input.methods ?? input.method);
    if (typeof input.code !== 'string' || input.code.trim() === '') throw new ApiError(400, `'code' must be a non-empty string`);
    const code = input.code;
    const auth = parseAuth(input.auth);
    if (input.description !== undefined && input.description !== null && typeof input.description !== 'string') {
      throw new ApiError(400, `'description' must be a string`);
    }
    const description = (input.description as string | undefined) ?? null;
    const clash = () => this.registry.conflict(db, path, methods);
    let c = clash();
    if (c !== undefined) throw new ApiError(409, `path '${path}' already has a script for ${c.methods.join(', ')} (id ${c.id})`, { id: c.id });
    const compiled = await this.compile(code, name);
    c = clash();
    if (c !== undefined) throw new ApiError(409, `path '${path}' already has a script for ${c.methods.join(', ')} (id ${c.id})`, { id: c.id });
    const now = Date.now();
    const row: ScriptRow = {
      id: randomUUID(), db, name, path, methods, auth, description, created_at: now, updated_at: now, version: 1,
      code, compiled: compiled.blob, compiler: this.fingerprint,
    };
    this.store.insert(row);
    this.registry.set(versionOf(row, compiled.forwards));
    log.info({ db, id: row.id, name, path, methods }, 'script registered');
    return metaOf(row);
  }

  async update(db: string, id: string, input: ScriptInput): Promise<ScriptMeta> {
    checkDb(db);
    const row = this.get(db, id);
    const next: ScriptRow = { ...row };
    if (input.name !== undefined) {
      if (typeof input.name !== 'string' || input.name === '') throw new ApiError(400, `'name' must be a non-empty string`);
      next.name = input.name;
    }
    if (input.path !== undefined) {
      const p = typeof input.path === 'string' ? normalizePath(input.path) : undefined;
      if (p === undefined) throw new ApiError(400, `'path' must be a non-empty path`);
      next.path = p;
    }
    if (input.methods !== undefined || input.method !== undefined) next.methods = parseMethods(input.methods ?? input.method);
    if (input.auth !== undefined) next.auth = parseAuth(input.auth);
    if (input.description !== undefined) {
      if (input.description !== null && typeof input.description !== 'string') throw new ApiError(400, `'description' must be a string`);
      next.description = input.description;
    }
    let forwards = this.registry.get(id)?.forwards ?? false;
    const c = this.registry.conflict(db, next.path, next.methods, id);
    if (c !== undefined) throw new ApiError(409, `path '${next.path}' already has a script for ${c.methods.join(', ')} (id ${c.id})`, { id: c.id });
    if (input.code !== undefined || next.name !== row.name) {
      if (input.code !== undefined && (typeof input.code !== 'string' || input.code.trim() === '')) {
        throw new ApiError(400, `'code' must be a non-empty string`);
      }
      next.code = (input.code as string | undefined) ?? row.code;
      const compiled = await this.compile(next.code, next.name);
      next.compiled = compiled.blob;
      next.compiler = this.fingerprint;
      forwards = compiled.forwards;
    }
    if (this.store.get(db, id) === undefined) throw new ApiError(404, `script '${id}' not found in database '${db}'`);
    next.updated_at = Date.now();
    next.version = row.version + 1;
    this.store.update(next);
    this.registry.set(versionOf(next, forwards));
    log.info({ db, id, name: next.name, version: next.version }, 'script updated');
    return metaOf(next);
  }

  delete(db: string, id: string): void {
    checkDb(db);
    if (!this.store.delete(db, id)) throw new ApiError(404, `script '${id}' not found in database '${db}'`);
    this.registry.remove(id);
    log.info({ db, id }, 'script deleted');
  }

  /** The spec's shorthand: POST /_api/custom/{db}/{path} {method|methods, code}: create, or replace the script there. */
  async upsertAt(db: string, rawPath: string, input: ScriptInput): Promise<{ created: boolean; meta: ScriptMeta }> {
    checkDb(db);
    const path = normalizePath(rawPath);
    if (path === undefined) throw new ApiError(400, `invalid path '${rawPath}'`);
    const methods = parseMethods(input.methods ?? input.method ?? 'WS');
    const existing = this.registry.atPath(db, path).find((v) => v.meta.methods.some((m) => methods.includes(m)));
    if (existing !== undefined) {
      return { created: false, meta: await this.update(db, existing.meta.id, { ...input, methods, path }) };
    }
    return { created: true, meta: await this.create(db, { ...input, methods, path }) };
  }

  /** Register the bundled examples (used when the data directory holds no scripts). */
  async registerExamples(): Promise<number> {
    const here = dirname(fileURLToPath(import.meta.url));
    const dir = [join(here, '..', 'examples'), join(here, '..', '..', 'examples')].find((d) => existsSync(join(d, 'examples.json')));
    if (dir === undefined) return 0;
    const manifest = JSON.parse(readFileSync(join(dir, 'examples.json'), 'utf8')) as {
      db: string; name: string; path: string; methods: string[]; file: string; description?: string;
    }[];
    let n = 0;
    for (const e of manifest) {
      await this.create(e.db, { ...e, code: readFileSync(join(dir, e.file), 'utf8') });
      n++;
    }
    return n;
  }
}
