// The Lua `request` table: {method, path, query, params, headers (lower-case), body, user}.
import { fromText, jsToLua, table, type LuaValue, type LuaTable } from './lua.js';

export interface RequestData {
  method: string;
  path: string;
  /** Raw query string (after '?'). */
  query: string;
  params: Record<string, string>;
  /** Lower-case names. */
  headers: [string, string][];
  /** Parsed JSON body (JS value), undefined when absent. */
  body?: unknown;
  /** Verified token claims. */
  user?: Record<string, unknown>;
}

function strTable(entries: Iterable<[string, string]>): LuaTable {
  const t = table({});
  for (const [k, v] of entries) t.setStr(fromText(k), fromText(v));
  return t;
}

/** Query parameters, the user token removed (it is only for authentication). */
export function parseQuery(raw: string): [string, string][] {
  if (raw === '') return [];
  const out: [string, string][] = [];
  for (const [k, v] of new URLSearchParams(raw)) if (k !== 'token') out.push([k, v]);
  return out;
}

export function buildRequest(r: RequestData): LuaTable {
  const body: LuaValue = r.body === undefined ? undefined : jsToLua(r.body);
  return table({
    method: r.method,
    path: fromText(r.path),
    query: strTable(parseQuery(r.query)),
    params: strTable(Object.entries(r.params)),
    headers: strTable(r.headers),
    body,
    user: r.user === undefined ? undefined : jsToLua(r.user),
  });
}
