-- %.Nf rounds the exact binary value half to even, as C's printf does (fast path and exact path).
local vals = { 2.675, 0.125, 0.375, 2.5, 3.5, 0.5, 1.5, 1e-5, 0.045, 1.005, 1234.5678, 0.0625, 0.1, 0.3, 1 / 3,
  2 ^ 50 + 0.5, 2 ^ 51 - 1.5, 2 ^ 52 + 1, 1e15 + 0.3, 123456789.125, 9.9999999, 0.95, 0.05, 1e-300, 5e-324,
  1e21, 1e22 + 1, 2 ^ 63, 99.995, 1.45, 1.55, 8.345, 0.0005, 1234567.891, -2.675, -0.125, -0.0, 0.0, 7 / 8, 1 / 1024 }
local out = {}
for _, x in ipairs(vals) do
  local line = {}
  for p = 0, 17 do line[#line + 1] = string.format("%." .. p .. "f", x) end
  out[#out + 1] = table.concat(line, " ")
end
print(table.concat(out, "\n"))
for i = 1, 2000 do
  local x = i / 8 + i / 1000
  out[i] = string.format("%.1f %.2f %.3f %5.2f %-8.3f| %08.2f %+.1f %.0f", x, x, i / 7, x, -x, x, i / 16, i / 2)
end
print(table.concat(out, "\n", 1, 2000))
