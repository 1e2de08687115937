// HTTP scripts: run an instance to completion and turn its result into a response.
//   return {…}                      → 200 JSON (as the reference system does)
//   response.json(data, status?)    → JSON;  response.text / response.html (body, status?);  response.redirect(url, status?)
//   response.status(code), response.header(name, value) → adjust whatever is returned
//   solidb.error(message, status?)  → {"error": message} with that status (default 500)
//   uncaught error → 500 {"error": "x.lua:3: …", "script"}; CPU limit → 503
import { STATUS_CODES } from 'node:http';
import type { ChannelHub } from './channels.js';
import type { PresenceService } from './presence.js';
import { presenceList } from './session.js';
import { stats } from './metrics.js';
import { log, scriptLogger } from './log.js';
import {
  LuaError, LuaTable, NONE, luaToJson, table, toNum, toText, checkString,
  type InstanceFactory, type LuaValue,
} from './lua.js';

export interface HttpResult {
  status: number;
  headers: [string, string][];
  body: Buffer;
}

export interface InvokeDeps {
  hub: ChannelHub;
  presence: PresenceService;
  cpuLimitMs: number;
}

const JSON_TYPE = 'application/json; charset=utf-8';

export function statusLine(code: number): string {
  return `${code} ${STATUS_CODES[code] ?? 'Unknown'}`;
}

export function jsonResult(status: number, value: unknown, headers: [string, string][] = []): HttpResult {
  return { status, headers: [['content-type', JSON_TYPE], ...headers], body: Buffer.from(JSON.stringify(value)) };
}

function validStatus(v: LuaValue, def: number): number {
  const n = toNum(v);
  return n !== undefined && Number.isInteger(n) && n >= 100 && n <= 599 ? n : def;
}

/** Run an HTTP script of database `db` (its channel broadcasts and presence reads are that database's). */
export function invokeHttp(scriptName: string, db: string, factory: InstanceFactory, request: LuaTable, deps: InvokeDeps): HttpResult {
  stats.httpInvocations++;
  let status = 200;
  const headers: [string, string][] = [];
  let explicit: { type: string; body: string } | undefined;
  let raised: { err: LuaError; status: number } | undefined;
  const marker = new LuaTable();

  const setBody = (type: string, body: string, st: LuaValue, def = 200) => {
    status = validStatus(st, def);
    explicit = { type, body };
    return marker;
  };
  const response = table({
    json: (data: LuaValue, st: LuaValue) => setBody(JSON_TYPE, luaToJson(data), st),
    text: (s: LuaValue, st: LuaValue) => setBody('text/plain; charset=utf-8', checkString(s ?? '', 1, 'text'), st),
    html: (s: LuaValue, st: LuaValue) => setBody('text/html; charset=utf-8', checkString(s ?? '', 1, 'html'), st),
    redirect: (url: LuaValue, st: LuaValue) => {
      headers.push(['location', toText(checkString(url, 1, 'redirect'))]);
      return setBody('text/plain; charset=utf-8', '', st, 302);
    },
    status: (st: LuaValue) => {
      status = validStatus(st, status);
      return NONE;
    },
    header: (name: LuaValue, value: LuaValue) => {
      const n = toText(checkString(name, 1, 'header')).toLowerCase();
      if (!/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(n)) throw new LuaError(`bad argument #1 to 'header' (invalid header name)`);
      headers.push([n, toText(checkString(value, 2, 'header')).replace(/[\r\n]/g, ' ')]);
      return NONE;
    },
  });
  const solidb = table({
    error: (msg: LuaValue, st: LuaValue) => {
      const err = new LuaError(typeof msg === 'string' ? msg : msg === undefined ? 'error' : String(msg));
      raised = { err, status: validStatus(st, 500) };
      throw err;
    },
    ws: table({
      channel: table({
        broadcast: (name: LuaValue, data: LuaValue) => {
          deps.hub.publish(db, checkString(name, 1, 'broadcast'), luaToJson(data), undefined);
          return true;
        },
      }),
      presence: table({
        list: (name: LuaValue) => presenceList(deps.presence, db, checkString(name, 1, 'list')),
      }),
    }),
  });

  let logger: ReturnType<typeof scriptLogger> | undefined;
  const inst = factory({
    print: (line) => (logger ??= scriptLogger(scriptName)).info(line),
    globals: { request, response, solidb },
    cpuLimitMs: deps.cpuLimitMs,
  });
  const r = inst.run();
  if (r.status === 'error') {
    if (raised !== undefined && (r.error === raised.err || (r.error as LuaError)?.value === raised.err.value)) {
      return jsonResult(raised.status, { error: toText(String(raised.err.value)) });
    }
    if (r.cpuLimit) {
      stats.cpuLimitKills++;
      log.warn({ script: scriptName }, 'HTTP script stopped by the CPU limit');
      return jsonResult(503, { error: 'CPU limit exceeded', script: scriptName });
    }
    stats.scriptErrors++;
    log.warn({ script: scriptName, err: r.message }, 'HTTP script error');
    return jsonResult(500, { error: toText(r.message), script: scriptName });
  }
  if (r.status === 'paused') {
    // the gateway sets no pause slice, so this does not happen; treat it as the CPU limit
    inst.kill('paused in HTTP');
    return jsonResult(503, { error: `${scriptName}: CPU time limit exceeded`, script: scriptName });
  }
  if (r.status === 'suspended') {
    inst.kill('suspended in HTTP');
    stats.scriptErrors++;
    return jsonResult(500, { error: `${scriptName}: '${r.op}' is only available in WebSocket scripts`, script: scriptName });
  }
  const v = r.values[0];
  if (explicit !== undefined) {
    return { status, headers: [['content-type', explicit.type], ...headers], body: Buffer.from(explicit.body, 'latin1') };
  }
  return { status, headers: [['content-type', JSON_TYPE], ...headers], body: Buffer.from(luaToJson(v), 'latin1') };
}
