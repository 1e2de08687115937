-- Lua evaluates an arithmetic expression in post-order: an operation on a non-number (its error or
-- metamethod) comes before the operands to its right are evaluated.
local log = {}
local t = setmetatable({}, {
  __div = function() log[#log + 1] = "div" return 1 end,
  __mul = function() log[#log + 1] = "mul" return 2 end,
  __index = function(_, k) log[#log + 1] = "index " .. k return 5 end,
})
local function f() log[#log + 1] = "f" return 2 end
local function show(v) print(v, table.concat(log, " ")) log = {} end
show((t / 10) - f())
show(f() - (t / 10))
show((t / 10) - t.x * 0.5 + f())
show(t.a * 0.5 + t.b / 2.0 - f())
show((t * 2.5) + (t / 4) - f() * t.c)
local a, b = 3, 4.5
show(a / 2 + b * 0.5 - f() / 3)
show((a / 2.0) - (function() return 1 end)())
local function e(fn) print(select(2, pcall(fn))) end
e(function() return (false / 10) - utf8.char(1.5) end)
e(function() return ("a" ^ "b") - (not 1 << 62) end)
e(function() return (a / 2) + (nil)[1] end)
e(function() return (a / "x") + (nil)[1] end)
e(function() return (a / {}) * 0.5 + undefinedglobal.x end)
e(function() return a * 0.5 + b / 2 - (nil)() end)
print((a / "2") + t.y ^ 2, log[1])
