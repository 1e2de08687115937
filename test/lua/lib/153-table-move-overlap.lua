local function show(t, n) local o = {} for i = 1, n do o[i] = tostring(t[i]) end return table.concat(o, ",") end
local a = { 1, 2, 3, 4, 5, 6 }
table.move(a, 1, 4, 3)
print(show(a, 6))
local b = { 1, 2, 3, 4, 5, 6 }
table.move(b, 3, 6, 1)
print(show(b, 6))
local c = {}
table.move({ 1, 2, 3 }, 1, 3, 2, c)
print(show(c, 4))
local mt = setmetatable({}, { __index = function(_, k) return k * 100 end })
local d = table.move(mt, 1, 3, 1, {})
print(show(d, 3))
