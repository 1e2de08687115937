local t = {}
local r = setmetatable(t, { __index = { a = 1 } })
print(r == t, t.a)
local mt = getmetatable(t)
mt.__index.b = 2
print(t.b)
setmetatable(t, nil)
print(t.a, getmetatable(t))
local mt2 = { __index = function() return "dyn" end }
local x = setmetatable(setmetatable({}, mt2), mt2)
print(x.anything)
print(getmetatable(setmetatable({}, { __metatable = { fake = true } })).fake)
