print(string.format("%d", 1))
print(string.format("%d", "x"))
