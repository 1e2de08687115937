print(utf8.char(72, 101, 108, 108, 111))
print(utf8.char(0x4E2D, 0x6587):byte(1, -1))
print(utf8.char(), #utf8.char(0x10FFFF), #utf8.char(0x7FFFFFFF))
print(utf8.charpattern)
print(pcall(utf8.char, -1))
print(pcall(utf8.char, 0x80000000))
print(pcall(utf8.char, "x"))
local n = 0
for c in ("héllo"):gmatch(utf8.charpattern) do n = n + 1 end
print(n)
