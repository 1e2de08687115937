local n = 0
for x = 0.1, 1.0, 0.1 do n = n + 1 end
print(n)
local vals = {}
for x = 1, 0, -0.25 do vals[#vals + 1] = x end
print(table.concat(vals, " "))
for x = 1e15, 1e15 + 2 do print(x) end
local sum = 0.0
for i = 1, 1000 do sum = sum + 0.001 end
print(sum == 1.0, math.abs(sum - 1) < 1e-9)
for x = -0.5, 0.5, 0.5 do print(x) end
