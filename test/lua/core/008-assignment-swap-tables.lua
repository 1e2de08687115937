local t = { 1, 2, 3 }
t[1], t[3] = t[3], t[1]
print(t[1], t[2], t[3])
local a = { x = 1 }
local b = { x = 2 }
a.x, b.x = b.x, a.x
print(a.x, b.x)
local s = { "a", "b", "c", "d" }
for i = 1, #s // 2 do
  s[i], s[#s - i + 1] = s[#s - i + 1], s[i]
end
print(s[1], s[2], s[3], s[4])
local k1, k2 = "k", "k"
local u = {}
u[k1], u[k2] = 1, 2
print(u.k == 1 or u.k == 2)
