-- Pattern matching over generated log lines: gmatch, gsub, find, match-style captures.
-- Portability: integers stay below 2^31 (fengari has 32-bit integers), so
-- running sums are reduced modulo M.
local LINES = 12000
local PASSES = 2

-- Small deterministic PRNG (Wichmann-Hill style); every intermediate value
-- stays below 2^31 so the sequence is identical in all Lua implementations.
local s1, s2, s3 = 123, 4567, 8901
local function rand(n)
  s1 = (171 * s1) % 30269
  s2 = (172 * s2) % 30307
  s3 = (170 * s3) % 30323
  return (s1 + s2 + s3) % n
end

local methods = { "GET", "POST", "PUT", "DELETE", "PATCH" }
local paths = { "/api/users", "/api/orders", "/static/app.js", "/index.html",
  "/api/users/profile", "/login", "/logout", "/api/search", "/health" }
local agents = { "Mozilla/5.0 (X11; Linux x86_64)", "curl/8.1.2",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 13_4)", "python-requests/2.31" }
local levels = { "INFO", "WARN", "ERROR", "DEBUG" }

-- Generate realistic-ish access/application log text.
local lines = {}
for i = 1, LINES do
  local ip = string.format("%d.%d.%d.%d", 10 + rand(200), rand(256), rand(256), 1 + rand(254))
  local ts = string.format("2024-%02d-%02dT%02d:%02d:%02d", 1 + rand(12), 1 + rand(28),
    rand(24), rand(60), rand(60))
  local level = levels[1 + rand(#levels)]
  local method = methods[1 + rand(#methods)]
  local path = paths[1 + rand(#paths)]
  if rand(3) == 0 then path = path .. "?id=" .. rand(100000) .. "&page=" .. rand(50) end
  local status = (rand(10) == 0) and (400 + rand(5)) or (200 + rand(5))
  local bytes = rand(50000)
  local agent = agents[1 + rand(#agents)]
  lines[i] = string.format('%s [%s] %s %s "%s %s HTTP/1.1" %d %d "%s" user=%s',
    ts, level, ip, "-", method, path, status, bytes, agent, "user" .. rand(1000))
end
local text = table.concat(lines, "\n")
print(string.format("generated %d lines, %d bytes", LINES, #text))

local M = 1000003  -- keeps h * 31 + 255 far below 2^31
local checksum = #text

for pass = 1, PASSES do
  -- 1. gmatch over lines with captures.
  local statusSum, byteSum, errors = 0, 0, 0
  for ip, method, path, status, bytes in
      string.gmatch(text, '(%d+%.%d+%.%d+%.%d+) %- "(%u+) (%S+) HTTP/1%.1" (%d+) (%d+)') do
    local st = tonumber(status)
    statusSum = statusSum + st
    byteSum = byteSum + tonumber(bytes)
    if st >= 400 then errors = errors + 1 end
  end

  -- 2. gsub: mask IP addresses, strip query strings, uppercase user names via function.
  local masked, nIp = string.gsub(text, "(%d+)%.(%d+)%.%d+%.%d+", "%1.%2.x.x")
  local noQuery, nQ = string.gsub(masked, "%?[^ \"]*", "")
  local users, nU = string.gsub(noQuery, "user=(%w+)", function(u)
    return "USER=" .. string.upper(u)
  end)
  local tableRepl, nL = string.gsub(users, "%[(%u+)%]", { INFO = "[I]", WARN = "[W]", ERROR = "[E]" })

  -- 3. find: plain and pattern searches, scanning the whole text.
  local plainHits, pos = 0, 1
  while true do
    local s, e = string.find(text, "/api/", pos, true)
    if not s then break end
    plainHits = plainHits + 1
    pos = e + 1
  end
  local patHits = 0
  pos = 1
  while true do
    local s, e, code = string.find(text, '" (40%d) ', pos)
    if not s then
      s, e, code = nil, nil, nil
      break
    end
    patHits = patHits + 1
    pos = e + 1
  end

  -- 4. Per-line split by gmatch on words and field counting.
  local words, longest = 0, 0
  for i = 1, #lines, 4 do
    for w in string.gmatch(lines[i], "%S+") do
      words = words + 1
      if #w > longest then longest = #w end
    end
  end

  print(string.format("pass %d: status %d bytes %d errors %d ip %d q %d u %d lv %d /api/ %d 40x %d words %d longest %d",
    pass, statusSum, byteSum, errors, nIp, nQ, nU, nL, plainHits, patHits, words, longest))
  checksum = (checksum + statusSum + byteSum % M + errors + nIp + nQ + nU + nL
    + plainHits + patHits + words + longest + #masked + #noQuery + #users + #tableRepl) % M
end
print(string.format("checksum %d", checksum))
