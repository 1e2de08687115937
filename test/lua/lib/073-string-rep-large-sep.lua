print(#string.rep("abc", 100, ", "), string.rep("ab", 2, ""), string.rep("", 5, "-"))
print(string.rep("a", 3, "\0"):byte(1, -1))
print(pcall(string.rep, "x", math.maxinteger))
