local items = { 3, "2", 1 }
print(#items)
table.sort(items)
