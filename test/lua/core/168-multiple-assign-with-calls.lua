local log = {}
local function v(x) log[#log + 1] = x; return x end
local a, b, c = v(1), v(2), v(3)
print(a, b, c, table.concat(log, ","))
local t = {}
t.x, t.y = v("x"), v("y")
print(t.x, t.y)
local p, q = v(10)
print(p, q)
local function two() return 1, 2 end
local m, n, o = two(), two()
print(m, n, o)
