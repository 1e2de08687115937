for i = 1, 3 do print(i) end
for i = 1, 3, 0 do print(i) end
