// Live routing table: /api/custom/{db}/{path} → the current version of a script. Replacing a version
// affects new requests and connections only; live sessions keep the factory they started with.
import type { ScriptMeta } from './store.js';
import type { InstanceFactory } from './lua.js';

export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'WS'] as const;

export interface ScriptVersion {
  meta: ScriptMeta;
  /** Script name used in logs and error messages (the chunk name, e.g. "chat.lua"). */
  chunkName: string;
  factory: InstanceFactory;
  /** Its WebSocket sessions may forward channel broadcasts natively (forward-analysis.ts). */
  forwards?: boolean;
}

interface Route {
  segs: string[];
  /** Index → param name for ':name' segments. */
  params: (string | null)[];
  /** Pattern with param names erased, for conflict checks. */
  shape: string;
  version: ScriptVersion;
}

export type Match =
  | { ok: true; version: ScriptVersion; params: Record<string, string> }
  | { ok: false; status: 404 | 405; allow?: string[] };

/** 'a//b/' → 'a/b'; undefined when a segment is invalid. */
export function normalizePath(path: string): string | undefined {
  const segs = path.split('/').filter((s) => s !== '');
  if (segs.length === 0) return undefined;
  for (const s of segs) if (s === '.' || s === '..' || s === ':' || /[?#\s]/.test(s)) return undefined;
  return segs.join('/');
}

function compileRoute(version: ScriptVersion): Route {
  const segs = version.meta.path.split('/');
  const params = segs.map((s) => (s.startsWith(':') ? s.slice(1) : null));
  return { segs, params, shape: segs.map((s) => (s.startsWith(':') ? ':' : s)).join('/'), version };
}

export class Registry {
  /** db → routes, static ones first, then by fewer params. */
  private readonly byDb = new Map<string, Route[]>();
  private readonly byId = new Map<string, ScriptVersion>();

  get size(): number {
    return this.byId.size;
  }

  get(id: string): ScriptVersion | undefined {
    return this.byId.get(id);
  }

  /** Add or replace (same id) a script version. */
  set(version: ScriptVersion): void {
    this.remove(version.meta.id);
    this.byId.set(version.meta.id, version);
    const routes = this.byDb.get(version.meta.db) ?? [];
    routes.push(compileRoute(version));
    const nParams = (r: Route) => r.params.filter((p) => p !== null).length;
    routes.sort((a, b) => nParams(a) - nParams(b));
    this.byDb.set(version.meta.db, routes);
  }

  remove(id: string): ScriptVersion | undefined {
    const v = this.byId.get(id);
    if (v === undefined) return undefined;
    this.byId.delete(id);
    const routes = this.byDb.get(v.meta.db);
    if (routes !== undefined) {
      const i = routes.findIndex((r) => r.version.meta.id === id);
      if (i >= 0) routes.splice(i, 1);
      if (routes.length === 0) this.byDb.delete(v.meta.db);
    }
    return v;
  }

  /** An existing script of `db` whose path shape and methods overlap the given ones. */
  conflict(db: string, path: string, methods: string[], exceptId?: string): ScriptMeta | undefined {
    const shape = path.split('/').map((s) => (s.startsWith(':') ? ':' : s)).join('/');
    for (const r of this.byDb.get(db) ?? []) {
      if (r.version.meta.id === exceptId || r.shape !== shape) continue;
      if (r.version.meta.methods.some((m) => methods.includes(m))) return r.version.meta;
    }
    return undefined;
  }

  /** Scripts at exactly this path (for the shorthand registration, which replaces them). */
  atPath(db: string, path: string): ScriptVersion[] {
    return (this.byDb.get(db) ?? []).filter((r) => r.version.meta.path === path).map((r) => r.version);
  }

  match(db: string, path: string, method: string): Match {
    const routes = this.byDb.get(db);
    if (routes === undefined) return { ok: false, status: 404 };
    const segs = path.split('/').filter((s) => s !== '');
    let allow: string[] | undefined;
    for (const r of routes) {
      if (r.segs.length !== segs.length) continue;
      let ok = true;
      for (let i = 0; i < segs.length; i++) {
        if (r.params[i] === null && r.segs[i] !== segs[i]) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      if (!r.version.meta.methods.includes(method)) {
        (allow ??= []).push(...r.version.meta.methods);
        continue;
      }
      const params: Record<string, string> = {};
      for (let i = 0; i < segs.length; i++) {
        const p = r.params[i];
        if (p !== null) {
          try {
            params[p] = decodeURIComponent(segs[i]);
          } catch {
            params[p] = segs[i];
          }
        }
      }
      return { ok: true, version: r.version, params };
    }
    return allow === undefined ? { ok: false, status: 404 } : { ok: false, status: 405, allow: [...new Set(allow)] };
  }
}
