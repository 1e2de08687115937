-- Table workloads: array fill + sum, string-keyed hash, inserts/removes, small records.
local ARRAY_N = 1000000
local HASH_N = 200000
local QUEUE_N = 300000
local RECORD_N = 200000

local checksum = 0
-- Portability: integers stay below 2^31 (fengari has 32-bit integers), so
-- running sums are reduced modulo M.
local M = 1000003  -- keeps h * 31 + 255 far below 2^31

-- 1. Array fill + sum.
do
  local a = {}
  for i = 1, ARRAY_N do a[i] = i % 1000 end
  local s = 0
  for i = 1, #a do s = s + a[i] end
  for _, v in ipairs(a) do s = s + v end
  s = s % M
  print(string.format("array sum %d", s))
  checksum = (checksum + s) % M
end

-- 2. Hash with string keys: insert, lookup, update, iterate, delete.
do
  local h = {}
  for i = 1, HASH_N do h["key" .. i] = i end
  local s = 0
  for i = 1, HASH_N, 3 do s = (s + h["key" .. i]) % M end
  for i = 2, HASH_N, 2 do local k = "key" .. i; h[k] = h[k] * 2 end
  local n, t = 0, 0
  for _, v in pairs(h) do n = n + 1; t = (t + v) % M end
  for i = 1, HASH_N, 2 do h["key" .. i] = nil end
  local left = 0
  for _ in pairs(h) do left = left + 1 end
  print(string.format("hash lookup %d count %d total %d left %d", s, n, t, left))
  checksum = (checksum + s + n + t + left) % M
end

-- 3. table.insert / table.remove as a stack and a (small) shifting queue.
do
  local st = {}
  local s = 0
  for i = 1, QUEUE_N do
    table.insert(st, i)
    if i % 3 == 0 then s = (s + table.remove(st)) % M end
  end
  while #st > 0 do s = (s + table.remove(st)) % M end
  local q = {}
  for i = 1, 2000 do
    table.insert(q, 1, i)
    if #q > 64 then s = (s + table.remove(q)) % M end
  end
  print(string.format("insert/remove %d", s))
  checksum = (checksum + s) % M
end

-- 4. Many small record tables with named fields, and table.sort.
do
  local recs = {}
  local s1, s2 = 42, 4242
  for i = 1, RECORD_N do
    s1 = (171 * s1) % 30269
    s2 = (172 * s2) % 30307
    local seed = s1 + s2
    recs[i] = { id = i, score = seed % 10007, name = "r" .. (seed % 97) }
  end
  local s = 0
  for i = 1, RECORD_N do
    local r = recs[i]
    s = (s + r.score * 3 + #r.name) % M
  end
  local top = {}
  for i = 1, 20000 do top[i] = recs[i] end
  table.sort(top, function(a, b)
    if a.score ~= b.score then return a.score < b.score end
    return a.id < b.id
  end)
  for i = 1, #top, 97 do s = (s + top[i].id * i) % M end
  print(string.format("records %d", s))
  checksum = (checksum + s) % M
end

print(string.format("checksum %d", checksum))
