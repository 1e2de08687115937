local list = { "b", "a", "B", "A", "aa", "", "\0", "\xff", "ab", "a\0" }
table.sort(list)
for i, s in ipairs(list) do print(i, #s, s:byte(1, -1)) end
print("abc" < "abd", "abc" < "abcd", "abc" > "ab")
print("a" <= "a", "a" >= "b")
print("\x7f" < "\x80")
