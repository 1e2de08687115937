// Management routes under /_api (admin key required except health and metrics).
import type { HttpCtx } from './http-util.js';
import { parseJsonBody, BodyTooLarge } from './http-util.js';
import { ApiError, checkDb, type ScriptService, type ScriptInput } from './scripts.js';
import type { ChannelHub } from './channels.js';
import type { PresenceService } from './presence.js';
import { renderMetrics } from './metrics.js';
import { splitChannelKey } from './engine.js';
import { fromText, toText } from './lua.js';
import { log } from './log.js';

export interface AdminDeps {
  scripts: ScriptService;
  hub: ChannelHub;
  presence: PresenceService;
  checkAdmin: (apiKey: string, authorization: string) => boolean;
  maxBodyBytes: number;
  isReady: () => boolean;
}

function seg(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw new ApiError(400, `bad percent-encoding in '${s}'`);
  }
}

function decodeJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The request body, at most `max` bytes (413 past that). */
async function readBody(ctx: HttpCtx, max: number): Promise<Buffer> {
  try {
    return await ctx.readBody(max);
  } catch (e) {
    if (e instanceof BodyTooLarge) throw new ApiError(413, e.message);
    throw e;
  }
}

async function jsonBody(ctx: HttpCtx, max: number): Promise<unknown> {
  const body = await readBody(ctx, max);
  try {
    return parseJsonBody(body);
  } catch {
    throw new ApiError(400, 'malformed JSON body');
  }
}

async function objectBody(ctx: HttpCtx, max: number): Promise<ScriptInput> {
  const v = await jsonBody(ctx, max);
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new ApiError(400, 'expected a JSON object body');
  return withCodeAliases(v as ScriptInput);
}

/** `script` and `source` are accepted for `code`. */
function withCodeAliases(input: ScriptInput): ScriptInput {
  if (input.code === undefined) {
    const alias = (input as Record<string, unknown>).script ?? (input as Record<string, unknown>).source;
    if (alias !== undefined) return { ...input, code: alias };
  }
  return input;
}

/**
 * The shorthand's body: a JSON object {method|methods, code, ...}, or the Lua source itself (raw text,
 * or a JSON string); `?method=` in the query names the method when the body does not (default WS).
 */
async function shorthandBody(ctx: HttpCtx, max: number): Promise<ScriptInput> {
  const body = await readBody(ctx, max);
  const q = new URLSearchParams(ctx.query);
  const qMethod = q.get('method') ?? q.get('methods') ?? undefined;
  let input: ScriptInput;
  let parsed: unknown;
  try {
    parsed = parseJsonBody(body);
  } catch {
    parsed = body.toString('utf8'); // not JSON: the Lua source itself
  }
  if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) input = withCodeAliases(parsed as ScriptInput);
  else if (typeof parsed === 'string') input = { code: parsed };
  else throw new ApiError(400, 'expected a JSON object body {method, code} or the Lua source');
  if (input.method === undefined && input.methods === undefined && qMethod !== undefined) input = { ...input, method: qMethod.split(',') };
  return input;
}

/** Channels with local subscribers or presence records (of `db`, or of every database), sorted by database then name. */
function channelList(d: AdminDeps, db: string | undefined): { db: string; channel: string; subscribers: number; presence: number }[] {
  const subs = d.hub.channels();
  const pres = d.presence.channels();
  const out: { db: string; channel: string; subscribers: number; presence: number; raw: string }[] = [];
  for (const key of new Set([...subs.keys(), ...pres.keys()])) {
    const k = splitChannelKey(key);
    if (k === undefined || (db !== undefined && k.db !== db)) continue;
    out.push({ db: k.db, channel: toText(k.channel), subscribers: subs.get(key) ?? 0, presence: pres.get(key) ?? 0, raw: k.channel });
  }
  out.sort((a, b) => (a.db !== b.db ? (a.db < b.db ? -1 : 1) : a.raw < b.raw ? -1 : a.raw > b.raw ? 1 : 0));
  return out.map(({ raw: _r, ...c }) => c);
}

export async function handleAdmin(ctx: HttpCtx, d: AdminDeps): Promise<void> {
  const { method } = ctx;
  const parts = ctx.url.split('/').filter((s) => s !== '').slice(1); // drop "_api"
  // start reading the body before any await
  const hasBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
  if (hasBody) ctx.readBody(d.maxBodyBytes).catch(() => {});
  try {
    if (parts[0] === 'health' && parts.length === 1 && method === 'GET') {
      if (d.isReady()) ctx.json(200, { status: 'ok' });
      else ctx.json(503, { status: 'unavailable' });
      return;
    }
    if (parts[0] === 'metrics' && parts.length === 1 && method === 'GET') {
      const m = await renderMetrics();
      ctx.text(200, m.contentType, m.body);
      return;
    }
    if (!d.checkAdmin(ctx.header('x-api-key'), ctx.header('authorization'))) {
      throw new ApiError(401, 'admin key required (X-API-Key or Authorization: Bearer)');
    }
    // /_api/database/{db}/scripts[/{id}]
    if (parts[0] === 'database' && parts[2] === 'scripts' && parts.length <= 4) {
      const db = checkDb(seg(parts[1] ?? ''));
      if (parts.length === 3) {
        if (method === 'GET') return ctx.json(200, d.scripts.list(db));
        if (method === 'POST') return ctx.json(201, await d.scripts.create(db, await objectBody(ctx, d.maxBodyBytes)));
      } else {
        const id = seg(parts[3]);
        if (method === 'GET') {
          const { compiled: _c, compiler: _f, ...row } = d.scripts.get(db, id);
          return ctx.json(200, row);
        }
        if (method === 'PUT' || method === 'PATCH') return ctx.json(200, await d.scripts.update(db, id, await objectBody(ctx, d.maxBodyBytes)));
        if (method === 'DELETE') {
          d.scripts.delete(db, id);
          return ctx.json(200, { deleted: true, id });
        }
      }
      throw new ApiError(405, `method ${method} not allowed here`);
    }
    // shorthand: POST /_api/custom/{db}/{path...}
    if (parts[0] === 'custom' && parts.length >= 3) {
      if (method !== 'POST') throw new ApiError(405, `method ${method} not allowed here`);
      const db = checkDb(seg(parts[1]));
      const path = parts.slice(2).map(seg).join('/');
      const r = await d.scripts.upsertAt(db, path, await shorthandBody(ctx, d.maxBodyBytes));
      return ctx.json(r.created ? 201 : 200, r.meta);
    }
    // channels, per database: GET /_api/database/{db}/channels, POST .../channels/{channel}/broadcast,
    // GET .../channels/{channel}/presence; GET /_api/channels[?db=] lists every database's
    if (parts[0] === 'database' && parts[2] === 'channels' && parts.length <= 5) {
      const db = checkDb(seg(parts[1] ?? ''));
      if (parts.length === 3 && method === 'GET') return ctx.json(200, { channels: channelList(d, db) });
      if (parts.length === 5) {
        const channel = fromText(seg(parts[3]));
        if (parts[4] === 'broadcast' && method === 'POST') {
          const body = await ctx.readBody(d.maxBodyBytes).catch((e) => {
            throw e instanceof BodyTooLarge ? new ApiError(413, e.message) : e;
          });
          try {
            JSON.parse(body.toString('utf8'));
          } catch {
            throw new ApiError(400, 'malformed JSON body');
          }
          const receivers = d.hub.subscriberCount(db, channel);
          d.hub.publish(db, channel, body.toString('latin1'), undefined);
          return ctx.json(200, { ok: true, db, channel: toText(channel), subscribers: receivers });
        }
        if (parts[4] === 'presence' && method === 'GET') {
          return ctx.json(200, {
            db,
            channel: toText(channel),
            members: d.presence.list(db, channel).map((r) => ({
              connection_id: r.connectionId,
              user_info: decodeJsonText(toText(r.userInfo)),
              joined_at: r.joinedAt,
            })),
          });
        }
      }
      if (parts.length === 3 || parts[4] === 'broadcast' || parts[4] === 'presence') throw new ApiError(405, `method ${method} not allowed here`);
    }
    if (parts[0] === 'channels') {
      if (parts.length === 1 && method === 'GET') {
        const q = new URLSearchParams(ctx.query).get('db');
        return ctx.json(200, { channels: channelList(d, q === null ? undefined : checkDb(q)) });
      }
      if (parts.length === 3 && (parts[2] === 'broadcast' || parts[2] === 'presence')) {
        // the gateway-wide form of before: channels are per database now
        throw new ApiError(404, `channels belong to a database: use /_api/database/{db}/channels/{channel}/${parts[2]}`);
      }
    }
    throw new ApiError(404, `no such route: ${method} ${ctx.url}`);
  } catch (e) {
    if (e instanceof ApiError) {
      ctx.json(e.status, { error: e.message, ...e.extra });
      return;
    }
    log.error({ err: e, url: ctx.url }, 'admin API failure');
    ctx.json(500, { error: 'internal error' });
  }
}
