// Reference runner: executes a Lua 5.4 program with real PUC Lua (compiled to
// WebAssembly, via the `wasmoon` package) and captures its output byte-exact.
//
//   const { stdout, error } = await runReference(source, "042-varargs-select.lua");
//
// * `source` is either a byte string (every char <= 0xFF, e.g. read with
//   fs.readFileSync(p, "latin1"), passed through as those bytes) or, if it has
//   any char above 0xFF, ordinary text that is handed to Lua as UTF-8.
// * `stdout` is a "binary string": one char per output byte (0..255), i.e. the
//   same as Buffer.from(bytes).toString("latin1").
// * `error` is the message the standalone `lua5.4` interpreter would print for an
//   uncaught error (without the "lua5.4: " prefix and without the traceback),
//   or null when the chunk ran to completion.
//
// Bytes never pass through wasmoon's UTF-8 string conversion: the source and
// chunk name are hex-encoded into a small ASCII bootstrap chunk, and the output
// and error message are hex-encoded in Lua before they are returned to JS.
import { LuaFactory, type LuaEngine } from "wasmoon";

export interface ReferenceResult {
  stdout: string;
  error: string | null;
}

export interface ReferenceOptions {
  /** Abort the program after this many milliseconds (default 30000). */
  timeoutMs?: number;
}

let factory: LuaFactory | null = null;

function getFactory(): LuaFactory {
  if (factory === null) factory = new LuaFactory();
  return factory;
}

const BOOTSTRAP = String.raw`
local srchex, namehex = ...
local type, tostring, select, rawget = type, tostring, select, rawget
local load, xpcall = load, xpcall
local format, char, gsub, sub, concat = string.format, string.char, string.gsub, string.sub, table.concat
local getmt = debug.getmetatable
local mtype = math.type
local unhex, tohex = {}, {}
for i = 0, 255 do
  local h = format("%02x", i)
  unhex[h] = char(i)
  tohex[char(i)] = h
end
local src = gsub(srchex, "%x%x", unhex)
local name = gsub(namehex, "%x%x", unhex)
-- luaL_loadfile skips a first line starting with '#' (keeping the newline)
if sub(src, 1, 1) == "#" then src = gsub(src, "^[^\n]*", "", 1) end

local out, n = {}, 0
local pcall, error, find = pcall, error, string.find
-- print is a C function in PUC Lua: luaL_tolstring's own error ("'__tostring'
-- must return a string") is positioned at print's caller, not at this chunk.
local function tostr1(v) return (tostring(v)) end
local function tostr(v)
  local ok, s = pcall(tostr1, v)
  if ok then return s end
  if type(s) == "string" then
    local a, b = find(s, "^reference%-bootstrap:%d+: ")
    if a then error(sub(s, b + 1), 3) end
  end
  error(s, 0)
end
print = function(...)
  local k = select("#", ...)
  for i = 1, k do
    local s = tostr((select(i, ...)))
    if i > 1 then n = n + 1; out[n] = "\t" end
    n = n + 1; out[n] = s
  end
  n = n + 1; out[n] = "\n"
end
if type(io) == "table" then
  local stdout = io.stdout
  io.write = function(...)
    local k = select("#", ...)
    for i = 1, k do
      local v = (select(i, ...))
      local tv = type(v)
      if tv == "number" then
        if mtype(v) == "integer" then v = format("%d", v) else v = format("%.14g", v) end
      elseif tv ~= "string" then
        error(format("bad argument #%d to 'write' (string expected, got %s)", i, tv), 2)
      end
      n = n + 1; out[n] = v
    end
    return stdout
  end
end

-- same logic as msghandler() in lua.c (minus the traceback)
local function handler(m)
  local tm = type(m)
  if tm == "string" then return m end
  if tm == "number" then return tostring(m) end
  local mt = getmt(m)
  local ts = mt ~= nil and rawget(mt, "__tostring") or nil
  if ts ~= nil then
    local r = ts(m)
    if type(r) == "string" then return r end
  end
  return "(error object is a " .. tm .. " value)"
end

local ok, err
local chunk, lerr = load(src, "=" .. name)
if chunk == nil then
  ok, err = false, lerr
else
  ok, err = xpcall(chunk, handler)
end
local o = gsub(concat(out), ".", tohex)
if ok then return o, "" end
if type(err) ~= "string" then err = "(error object is not a string)" end
return o, "1" .. gsub(err, ".", tohex)
`;

/** Byte strings (chars <= 0xFF, as moongate reads sources) pass as their bytes; other text as UTF-8. */
function hex(s: string): string {
  return Buffer.from(s, /[^\x00-\xff]/.test(s) ? "utf8" : "latin1").toString("hex");
}

function unhex(h: string): string {
  return Buffer.from(h, "hex").toString("latin1");
}

/**
 * Run `source` as a Lua 5.4 main chunk named `chunkName` (error positions read
 * `chunkName:LINE: ...`). Returns the bytes written by print/io.write as a
 * binary (latin1) string and the uncaught error message, if any.
 */
export async function runReference(
  source: string,
  chunkName: string,
  options: ReferenceOptions = {},
): Promise<ReferenceResult> {
  const timeoutMs = options.timeoutMs ?? 30000;
  const engine: LuaEngine = await getFactory().createEngine({
    openStandardLibs: true,
    injectObjects: false,
    enableProxy: false,
  });
  const started = Date.now();
  try {
    const thread = engine.global.newThread();
    // The bootstrap is pure ASCII, so wasmoon's UTF-8 conversion is harmless.
    thread.loadString(
      `return (function(...) ${BOOTSTRAP}\nend)("${hex(source)}", "${hex(chunkName)}")`,
      "=reference-bootstrap",
    );
    let values: unknown[];
    try {
      values = Array.from(await thread.run(0, { timeout: timeoutMs }));
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      if (Date.now() - started >= timeoutMs) {
        return { stdout: "", error: `reference: timeout after ${timeoutMs}ms` };
      }
      return { stdout: "", error: `reference: internal failure: ${msg}` };
    }
    const outHex = typeof values[0] === "string" ? values[0] : "";
    const errHex = typeof values[1] === "string" ? values[1] : "";
    const stdout = unhex(outHex);
    let error: string | null = errHex === "" ? null : unhex(errHex.slice(1));
    if (error !== null && Date.now() - started >= timeoutMs) {
      error = `reference: timeout after ${timeoutMs}ms`;
    }
    return { stdout, error };
  } finally {
    engine.global.close();
  }
}

/** Drop the shared factory (the wasm module is garbage-collected afterwards). */
export function closeReference(): void {
  factory = null;
}
