// The Lua `request` table: {method, path, query, params, headers (lower-case), body, user}.
import { fromText, jsToLua, table } from './lua.js';
function strTable(entries) {
    const t = table({});
    for (const [k, v] of entries)
        t.setStr(fromText(k), fromText(v));
    return t;
}
/** Query parameters, the user token removed (it is only for authentication). */
export function parseQuery(raw) {
    if (raw === '')
        return [];
    const out = [];
    for (const [k, v] of new URLSearchParams(raw))
        if (k !== 'token')
            out.push([k, v]);
    return out;
}
export function buildRequest(r) {
    const body = r.body === undefined ? undefined : jsToLua(r.body);
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
//# sourceMappingURL=request.js.map