local t = { 1, 2, 3 }
table.insert(t, 4)
print(#t)
table.insert(t, 10, 5)
