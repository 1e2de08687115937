print(string.format("%a", 1), string.format("%a", 0.5), string.format("%A", 255.5))
print(string.format("%a", 0), string.format("%a", -1.25), string.format("%.3a", 1/3))
print(string.format("%a", 1/0), string.format("%a", -1/0))
