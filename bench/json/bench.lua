-- JSON encode/decode micro benchmark at the Lua level, run by bench/json.ts under two runtimes:
--
--   moongate:      the `json` global (json.encode / json.decode); the arguments are the JSON texts
--                  (byte strings), e.g.  ... = chatText, docText, seconds, rounds
--   lua5.4+cjson:  require "cjson"; the arguments are file names of the JSON texts:
--                  lua5.4 bench/json/bench.lua chat.json doc.json SECONDS ROUNDS
--
-- Both runtimes run this same script: decode the text, and encode the decoded value, timed with
-- os.clock (process CPU time) — ops/s, best of ROUNDS rounds of SECONDS/ROUNDS each, after a warm-up.
-- Output, one line per case:  RESULT <case> <ops/s> <bytes>
--   (<bytes>: for decode, the input size; for encode, the size of the produced JSON)
-- plus "INFO <text>" lines.

local chat, doc, seconds, rounds = ...
seconds = tonumber(seconds) or 1
rounds = math.tointeger(tonumber(rounds)) or 3

local J = rawget(_G, "json") -- moongate's built-in json library
local decode_null -- how JSON null decodes: to a placeholder value, like cjson's cjson.null
if J ~= nil then
  print("INFO json library: moongate json")
  decode_null = { null = J.null }
else
  J = require("cjson")
  print("INFO json library: lua-cjson " .. tostring(J._VERSION) .. " on " .. _VERSION)
  local function slurp(path)
    local f = assert(io.open(path, "rb"))
    local s = f:read("a")
    f:close()
    return s
  end
  chat, doc = slurp(chat), slurp(doc)
end

local encode, decode = J.encode, J.decode
local clock = os.clock
local sink

local function dec(text)
  if decode_null then return decode(text, decode_null) end
  return decode(text)
end

--- ops/s of f(arg): best of `rounds` rounds of seconds/rounds each, after a warm-up
local function measure(f, arg)
  local warm_end = clock() + math.min(0.2, seconds / 5)
  repeat
    for _ = 1, 10 do sink = f(arg) end
  until clock() >= warm_end
  local per = seconds / rounds
  local best = 0
  for _ = 1, rounds do
    local ops, batch = 0, 1
    local t0 = clock()
    local t1 = t0
    while t1 - t0 < per do
      for _ = 1, batch do sink = f(arg) end
      ops = ops + batch
      t1 = clock()
      if t1 - t0 < 0.02 then batch = batch * 2 end
    end
    local rate = ops / (t1 - t0)
    if rate > best then best = rate end
  end
  return best
end

local function bench(name, text)
  local value = dec(text)
  local out = encode(value)
  -- sanity: the encoded text decodes and re-encodes to the same size
  assert(#encode(dec(out)) == #out, name .. ": round trip changed the size")
  print(string.format("RESULT %s_decode %.3f %d", name, measure(dec, text), #text))
  print(string.format("RESULT %s_encode %.3f %d", name, measure(encode, value), #out))
end

bench("chat", chat)
bench("doc", doc)
if sink == 42 then print() end
