local t = { a = 1, b = 2, c = 3, d = 4 }
for k in pairs(t) do t[k] = nil end
print(next(t))
local u = { 1, 2, 3, 4, 5 }
for k, v in pairs(u) do u[k] = v * 10 end
print(table.concat(u, ","))
local count = 0
local s = { x = 1, y = 2 }
for k, v in pairs(s) do s[k] = v + 1; count = count + 1 end
print(count, s.x, s.y)
