local a, b, c = 1, 2, 3
a, b = b, a
print(a, b)
a, b, c = c, a, b
print(a, b, c)
local t = {}
local i = 1
i, t[i] = i + 1, 20
print(i, t[1], t[2])
local x, y, z = 1
print(x, y, z)
local p, q = (function() return 1, 2, 3 end)()
print(p, q)
local r, s, u = 0, (function() return 1, 2 end)()
print(r, s, u)
local m, n = (function() return 1, 2 end)(), 10
print(m, n)
