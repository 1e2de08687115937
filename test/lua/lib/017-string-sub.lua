local s = "abcdef"
print(s:sub(1, 3), s:sub(3), s:sub(-2), s:sub(-3, -2), s:sub(0), s:sub(0, 0))
print(s:sub(4, 2), s:sub(7), s:sub(-100, 100), s:sub(3, 3), s:sub(2, -2))
print(s:sub(math.mininteger, math.maxinteger), s:sub(math.maxinteger))
print(("x"):sub(1, 1), (""):sub(1, 1) == "", s:sub(6, 6), s:sub(-1, -1), s:sub(-6, 1))
print(pcall(string.sub))
print(pcall(string.sub, "x", "a"))
print(s:sub(2.0, 3.0))
print(pcall(string.sub, "x", 1.5))
