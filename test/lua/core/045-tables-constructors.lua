local t = { 1, 2, 3, x = "x", [10] = "ten", "four" }
print(t[1], t[2], t[3], t[4], t.x, t[10], #t)
local k = "key"
local u = { [k] = 1, [k .. "2"] = 2, [1 + 1] = "two", [true] = "yes" }
print(u.key, u.key2, u[2], u[true])
local v = { [1] = "a", "b" }
print(v[1])
local w = { 1, 2; 3; n = 3, }
print(#w, w.n)
local nested = { { 1, 2 }, { 3, { 4 } } }
print(nested[2][2][1], #nested)
local function f() return "p", "q" end
local m = { f(), f(), z = f() }
print(#m, m[1], m[2], m[3], m.z)
