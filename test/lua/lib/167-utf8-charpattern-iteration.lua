local s = "añ€😀"
local chars = {}
for ch in s:gmatch(utf8.charpattern) do chars[#chars + 1] = #ch end
print(table.concat(chars, ","))
for p, c in utf8.codes(s) do print(p, c, utf8.char(c) == s:sub(p, p + #utf8.char(c) - 1)) end
print(utf8.len(s), #s, utf8.offset(s, 3), utf8.offset(s, -1))
