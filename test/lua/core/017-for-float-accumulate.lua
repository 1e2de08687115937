local x = 0.0
for i = 1, 10 do x = x + 0.1 end
print(x, x == 1.0, math.abs(x - 1.0) < 1e-12)
local count = 0
for v = 0, 1, 0.1 do count = count + 1 end
print(count)
local s = 0
for v = 1, 2, 0.25 do s = s + v end
print(s)
for i = 1, 3 do print(i / 2) end
for i = 1, 0.5 do print("no") end
print(math.type(3.0 + 1))
