-- "number (local 'x') has no integer representation" puts the name after "number"
local function e(f) print(select(2, pcall(f))) end
local x, y = 63, 1.5
e(function() return x >> y end)
e(function() return x | y end)
local t = {a = 1e308}
e(function() return t.a | 1 end)
e(function() return ~t.a end)
G1 = 2^64
e(function() return G1 & 1 end)
local u = 2^-1074
e(function() return (function() return u >> 0 end)() end)
e(function() return 1.5 | 1 end)
e(function() return 3 & (x + 0.5) end)
-- a string constant's name ends at an embedded zero (Lua prints it with %s)
e(function() return 2^31 | "\0" end)
e(function() return 1 | "a\0b" end)
e(function() return "x\0y" + {} end)
