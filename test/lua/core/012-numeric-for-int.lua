for i = 1, 3 do print(i) end
for i = 3, 1, -1 do print(i) end
for i = 1, 0 do print("never") end
for i = 10, 1, -3 do print("down", i) end
for i = 1, 10, 4 do print("step", i) end
local s = 0
for i = 1, 100 do s = s + i end
print(s)
for i = -2, 2 do print(i, math.type(i)) end
