print(xpcall(function(a, b, c) return a, b, c end, print, 1, 2, 3))
print(xpcall(function(...) return select("#", ...) end, print))
print(pcall(string.upper, "abc"))
print(pcall(math.floor, 2.5))
print(xpcall(math.floor, function(m) return "bad: " .. m end, "x"))
local function handler(m) return { wrapped = m } end
local ok, e = xpcall(error, handler, "payload", 0)
print(ok, type(e), e.wrapped)
print(xpcall(function() local t = setmetatable({}, { __index = function() error("idx", 0) end }) return t.x end, function(m) return m .. "!" end))
