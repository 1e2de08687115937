-- string.format throughput with a mix of directives.
-- Portability: integers stay below 2^31 (fengari has 32-bit integers), so
-- running sums are reduced modulo M.
local N = 60000

local M = 1000003  -- keeps h * 31 + 255 far below 2^31
local names = { "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta" }

local function hash(s, h)
  for i = 1, #s, 3 do
    h = (h * 31 + string.byte(s, i)) % M
  end
  return h
end

local checksum = 0
local total = 0
for i = 1, N do
  local name = names[i % #names + 1]
  local a = string.format("%d", i * 7)
  local b = string.format("%5d|%-5d|%05d", i % 1000, i % 77, i % 99999)
  local c = string.format("%s=%s", name, a)
  local d = string.format("%-10s|%10s|", name, c)
  local e = string.format("%x %X %o", i, i * 3, i % 4096)
  local f = string.format("%.3f %.6f %10.2f", i / 7, (i % 1000) / 999, i * 0.25 + i / 3)
  local g = string.format("%c%c%c", 65 + i % 26, 97 + i % 26, 48 + i % 10)
  local h = string.format("[%s] %s: %d items, %.1f%% done (%s)", name, c, i % 500, (i % 1000) / 8 + 0.0625, g)
  local line = a .. b .. c .. d .. e .. f .. g .. h
  total = total + #line
  if i % 5 == 0 then checksum = hash(line, checksum) end
end
print(string.format("total length %d", total))
print(string.format("checksum %d", (checksum + total) % M))
