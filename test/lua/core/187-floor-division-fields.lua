-- Integer floor division signs and zero, floor/ceil of integral floats, many named fields.
for _, a in ipairs({ 7, -7, 0, 1, -1, 2147483647, -2147483648 }) do
  local r = {}
  for _, b in ipairs({ 1, -1, 2, -2, 3, 7, -7, 2147483647 }) do r[#r + 1] = a // b .. "/" .. a % b end
  print(a, table.concat(r, " "))
end
print(pcall(function() local z = 0; return 5 // z end))
print(7 // 0.0, -7 // 0.0, 0/0 ~= 0/0, 7.5 // 2, -7.5 // 2, math.type(6 // 2), math.type(6.0 // 2))
local x = 6 / 2
print(math.floor(x), math.ceil(x), math.type(math.floor(x)), math.floor(-0.0), math.ceil(-0.5), math.floor(2^60 + 0.0))
-- a table with many fields set one by one (globals and module style), then read and cleared
local M = {}
for i = 1, 60 do M["f" .. i] = i end
function M.extra() return "extra" end
local s = 0
for i = 1, 60 do s = s + M["f" .. i] end
print(s, M.extra(), M.f60, M.f61)
for i = 1, 60, 2 do M["f" .. i] = nil end
local n = 0
for k in pairs(M) do n = n + 1 end
print(n, M.f1, M.f2)
G1, G2, G3, G4, G5, G6, G7, G8, G9, G10 = 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
G11, G12, G13, G14, G15, G16, G17, G18, G19, G20 = 11, 12, 13, 14, 15, 16, 17, 18, 19, 20
print(G1 + G20, rawget(_G, "G15"), _G.G11)
G5 = nil
print(G5, rawget(_G, "G5"))
