local t = {}
for i = 1, 5 do table.insert(t, i) end
table.insert(t, 1, 0)
table.insert(t, 4, "x")
print(table.concat(t, " "))
print(table.remove(t, 4), table.concat(t, " "))
print(table.remove(t, 1), table.concat(t, " "))
while #t > 0 do last = table.remove(t) end
print(#t, last)
local q = {}
for i = 1, 3 do table.insert(q, 1, i) end
print(table.concat(q, ","))
