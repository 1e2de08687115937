-- arithmetic mixing floats and integers in larger expressions (moongate computes these on raw doubles)
local function show(...) local t = {} for i = 1, select('#', ...) do t[i] = tostring((select(i, ...))) end print(table.concat(t, " ")) end
local i, j, z, big = 3, 4, 0, math.maxinteger
show(1.0 / (i * (i - 1) * 0.5 + j), (i + 0.5) * 2, 2 ^ 2 + 1, i / j * 2, -i * 0.5 + 1.5)
show(z * -1 * 0.5, -z * 0.5, 0.0 * -1 + 0, -(0.0 * 1) * 2, 1 / (z * 0.5 - 0.0))
show(big * 1.0 + 1, big + 0.5 - 0.5, (big // 2) * 2.0, math.mininteger * 1.0 / 2)
show(1e308 * 10 + 1, -1e308 * 10 * 0.5, (0/0) * 1.5 ~= (0/0) * 1.5, 3 % 2 * 1.5)
show("3" * 0.5 + 1, "0x10" / 2 * 1.0, i * "1.5" + 0.5)
local mt = {__mul = function(a, b) return 7 end, __add = function(a, b) return 100 end, __div = function() return 2 end}
local o = setmetatable({}, mt)
show(o * 0.5 + 1, 1.0 / o * 2, (o + 1.5) * 2.0)
print(pcall(function() local n = nil return n * 0.5 + 1 end))
print(pcall(function() local s = "x" return s * 0.5 + 1 end))
print(pcall(function() local t = {} return 2.5 * (t + 1.0) end))
local acc = 0
for k = 1, 10 do acc = acc + k * 0.5 * 2 end
show(acc, math.type(acc), math.type(i * 0.5 * 2), math.type(i / 1 + 0))
