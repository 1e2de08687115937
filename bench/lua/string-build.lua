-- String building: table.concat, `..` in loops, string.format, string.rep, string.sub/byte/char.
-- Portability: integers stay below 2^31 (fengari has 32-bit integers), so
-- running sums are reduced modulo M.
local PARTS_N = 200000
local CONCAT_N = 20000
local FORMAT_N = 100000
local ROUNDS = 1

local M = 1000003  -- keeps h * 31 + 255 far below 2^31

local function hash(s, h)
  -- Sample every 7th byte so hashing is cheap compared to building.
  for i = 1, #s, 7 do
    h = (h * 31 + string.byte(s, i)) % M
  end
  return h
end

local checksum = 0
for round = 1, ROUNDS do
  -- table.concat of many parts.
  local parts = {}
  for i = 1, PARTS_N do
    parts[#parts + 1] = "item" .. i
  end
  local joined = table.concat(parts, ",")
  checksum = hash(joined, checksum)
  checksum = (checksum + #joined) % M

  -- Repeated `..` onto a growing string (kept bounded by flushing into a buffer).
  local buf = {}
  local cur = ""
  for i = 1, CONCAT_N do
    cur = cur .. string.char(97 + i % 26) .. i
    if #cur > 200 then
      buf[#buf + 1] = cur
      cur = ""
    end
  end
  buf[#buf + 1] = cur
  local s2 = table.concat(buf)
  checksum = hash(s2, checksum)

  -- string.format lines.
  local lines = {}
  for i = 1, FORMAT_N do
    lines[i] = string.format("%d:%s:%05d|%.3f", i, "row", i % 1000, i / 8)
  end
  local s3 = table.concat(lines, "\n")
  checksum = hash(s3, checksum)
  checksum = (checksum + #s3) % M

  -- string.rep and string.sub.
  local acc = 0
  for i = 1, 2000 do
    local r = string.rep("ab" .. (i % 10) .. "-", 50 + i % 50)
    acc = acc + #r + string.byte(string.sub(r, 3, 3))
    local mid = string.sub(r, 10, 20)
    acc = acc + #mid
  end
  checksum = (checksum + acc + round) % M
  print(string.format("round %d: joined %d concat %d format %d rep %d",
    round, #joined, #s2, #s3, acc))
end
print(string.format("checksum %d", checksum))
