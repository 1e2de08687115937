local mt1 = { __eq = function() return true end }
local mt2 = { __eq = function() return false end }
local a = setmetatable({}, mt1)
local b = setmetatable({}, mt2)
print(a == b, b == a)
local c = setmetatable({}, {})
print(a == c, c == a)
print(a == "x", a == 1)
local same = setmetatable({}, mt1)
print(a ~= same)
local calls = 0
local m = { __eq = function() calls = calls + 1; return true end }
local x, y = setmetatable({}, m), setmetatable({}, m)
print(x == x, calls)
print(x == y, calls)
