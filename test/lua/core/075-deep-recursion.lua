local function f() return 1 + f() end
local ok, msg = pcall(f)
print(ok, type(msg), string.find(msg, "stack overflow", 1, true) ~= nil)
local function g(n) return n == 0 and 0 or 1 + g(n - 1) end
print(g(10000))
local function loop(n) if n == 0 then return "done" end return loop(n - 1) end
print(loop(1000000))
local function even(n) if n == 0 then return true end return odd(n - 1) end
function odd(n) if n == 0 then return false end return even(n - 1) end
print(even(100001))
