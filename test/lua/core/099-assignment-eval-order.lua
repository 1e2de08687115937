local t = {}
local function idx(n) return n end
t[idx(1)], t[idx(2)] = "a", "b"
print(t[1], t[2])
local a = { 1, 2, 3 }
local i = 1
a[i], i = 10, 2
print(a[1], a[2], i)
local x, y = 1, 2
x, y = y, x + y
print(x, y)
local p, q, r = (function() return 1, 2, 3 end)()
print(p, q, r)
local m, n = 1
print(m, n)
