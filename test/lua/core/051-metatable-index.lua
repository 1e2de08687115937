local base = { greet = "hello", x = 1 }
local mid = setmetatable({ y = 2 }, { __index = base })
local top = setmetatable({}, { __index = mid })
print(top.greet, top.x, top.y, top.z)
local calls = 0
local lazy = setmetatable({}, { __index = function(t, k) calls = calls + 1; return k .. "!" end })
print(lazy.a, lazy[1], calls)
rawset(lazy, "a", "raw")
print(lazy.a, calls)
local chain = setmetatable({}, { __index = setmetatable({}, { __index = function(_, k) return "deep " .. k end }) })
print(chain.foo)
print(rawget(top, "greet"))
local s = setmetatable({}, { __index = "string index" })
print(pcall(function() return s.len == string.len, type(s.len) end))
