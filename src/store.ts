// Script storage: SQLite (WAL, synchronous=FULL) in the data directory. A row holds the source and its
// compiled form; a registration is acknowledged only after its transaction committed.
import Database from 'better-sqlite3';
import { join } from 'node:path';

export interface ScriptMeta {
  id: string;
  db: string;
  name: string;
  path: string;
  methods: string[];
  auth: 'none' | 'required';
  description: string | null;
  created_at: number;
  updated_at: number;
  version: number;
}

export interface ScriptRow extends ScriptMeta {
  code: string;
  /** The compiler's CompiledScript, v8-serialized (decoded lazily on first use). */
  compiled: Buffer;
  /** Fingerprint of the compiler+runtime that produced `compiled`. */
  compiler: string;
}

interface RawRow {
  id: string;
  db: string;
  name: string;
  path: string;
  methods: string;
  auth: string;
  description: string | null;
  created_at: number;
  updated_at: number;
  version: number;
  code: string;
  compiled: Buffer;
  compiler: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS scripts (
  id          TEXT PRIMARY KEY,
  db          TEXT NOT NULL,
  name        TEXT NOT NULL,
  path        TEXT NOT NULL,
  methods     TEXT NOT NULL,
  auth        TEXT NOT NULL DEFAULT 'none',
  description TEXT,
  code        TEXT NOT NULL,
  compiled    BLOB NOT NULL,
  compiler    TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  version     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS scripts_db_path ON scripts(db, path);
`;

function fromRaw(r: RawRow): ScriptRow {
  return {
    id: r.id,
    db: r.db,
    name: r.name,
    path: r.path,
    methods: JSON.parse(r.methods),
    auth: r.auth === 'required' ? 'required' : 'none',
    description: r.description,
    created_at: r.created_at,
    updated_at: r.updated_at,
    version: r.version,
    code: r.code,
    compiled: r.compiled,
    compiler: r.compiler,
  };
}

export function metaOf(r: ScriptRow): ScriptMeta {
  const { code: _c, compiled: _x, compiler: _y, ...meta } = r;
  return meta;
}

export class ScriptStore {
  private readonly db: Database.Database;
  private readonly stmts;

  constructor(dataDir: string) {
    this.db = new Database(join(dataDir, 'moongate.db'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.stmts = {
      all: this.db.prepare<[], RawRow>('SELECT * FROM scripts ORDER BY created_at, id'),
      byDb: this.db.prepare<[string], RawRow>('SELECT * FROM scripts WHERE db = ? ORDER BY created_at, id'),
      get: this.db.prepare<[string, string], RawRow>('SELECT * FROM scripts WHERE db = ? AND id = ?'),
      insert: this.db.prepare(
        `INSERT INTO scripts (id, db, name, path, methods, auth, description, code, compiled, compiler, created_at, updated_at, version)
         VALUES (@id, @db, @name, @path, @methods, @auth, @description, @code, @compiled, @compiler, @created_at, @updated_at, @version)`,
      ),
      update: this.db.prepare(
        `UPDATE scripts SET name=@name, path=@path, methods=@methods, auth=@auth, description=@description, code=@code,
         compiled=@compiled, compiler=@compiler, updated_at=@updated_at, version=@version WHERE id=@id AND db=@db`,
      ),
      del: this.db.prepare('DELETE FROM scripts WHERE db = ? AND id = ?'),
      count: this.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM scripts'),
    };
  }

  private params(r: ScriptRow) {
    return {
      ...metaOf(r),
      methods: JSON.stringify(r.methods),
      code: r.code,
      compiled: r.compiled,
      compiler: r.compiler,
    };
  }

  all(): ScriptRow[] {
    return this.stmts.all.all().map(fromRaw);
  }
  list(db: string): ScriptRow[] {
    return this.stmts.byDb.all(db).map(fromRaw);
  }
  get(db: string, id: string): ScriptRow | undefined {
    const r = this.stmts.get.get(db, id);
    return r === undefined ? undefined : fromRaw(r);
  }
  insert(r: ScriptRow): void {
    this.stmts.insert.run(this.params(r));
  }
  update(r: ScriptRow): void {
    this.stmts.update.run(this.params(r));
  }
  delete(db: string, id: string): boolean {
    return this.stmts.del.run(db, id).changes > 0;
  }
  count(): number {
    return this.stmts.count.get()!.n;
  }
  close(): void {
    this.db.close();
  }
}
