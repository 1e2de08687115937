for i = 1.0, 3 do print(i, math.type(i)) end
for i = 1, 2, 0.5 do print(i) end
for i = 0.1, 0.5, 0.1 do print(i) end
for i = 3, 1.5, -0.5 do print(i) end
local c = 0
for x = 0, 1, 0.25 do c = c + 1 end
print(c)
for i = 1, 3.5 do print("int start float limit", i, math.type(i)) end
