local s = "aé€b"
print(utf8.offset(s, 1), utf8.offset(s, 2), utf8.offset(s, 3), utf8.offset(s, 4), utf8.offset(s, 5), utf8.offset(s, 6))
print(utf8.offset(s, -1), utf8.offset(s, -2), utf8.offset(s, -4), utf8.offset(s, -5))
print(utf8.offset(s, 0, 3), utf8.offset(s, 0, 4), utf8.offset(s, 0, 1))
print(pcall(utf8.offset, s, 1, 3))
print(utf8.offset("", 1), utf8.offset("", 0), utf8.offset("abc", 1, 4))
print(pcall(utf8.offset, "abc", 1, 10))
