-- Integral floats stay floats through arithmetic, compare by value, and key tables as integers.
local a, b = 3.0, 6 / 2
print(a, b, a == b, rawequal(a, b), math.type(a), math.type(b))
local z, nz = 0.0, -0.0
print(z, nz, z == nz, 1 / z, 1 / nz, math.type(nz))
print(0.0 * -1, -(0.0), 0 / -1, -0.0 + 0.0)
local t = {}
t[1.0] = "one"; t[2] = "two"; t[-0.0] = "zero"
print(t[1], t[2.0], t[0], #t)
local x = 1024.0
for i = 1, 4 do x = x / 2 + 0.0 end
print(x, math.type(x), x == 64, x // 1, x % 3)
local y = -256.0
print(y - 1, y * 4, y + 512, (y + 256) == 0, 1 / (y + 256))
local r, bit = 0, 1
local p, q = 0xBEEF, 0xD008
for _ = 1, 16 do
  local u, v = p % 2, q % 2
  if u ~= v then r = r + bit end
  p = (p - u) / 2
  q = (q - v) / 2
  bit = bit * 2
end
print(r, math.type(r), p, math.type(p))
