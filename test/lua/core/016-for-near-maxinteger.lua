local c = 0
for i = math.maxinteger - 2, math.maxinteger do c = c + 1; print(i) end
print(c)
c = 0
for i = math.mininteger + 2, math.mininteger, -1 do c = c + 1; print(i) end
print(c)
c = 0
for i = math.maxinteger - 10, math.maxinteger, 7 do c = c + 1; print(i) end
print(c)
for i = 1, math.maxinteger, math.maxinteger do print("big step", i) end
for i = math.mininteger, math.mininteger + 1 do print(i) end
