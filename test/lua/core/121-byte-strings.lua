local s = "a\0b\0c"
print(#s, s:byte(1, -1))
print(s == "a\0b\0c", s < "a\0c")
local hi = "\200\201\255"
print(#hi, hi:byte(1, -1))
local all = {}
for i = 0, 255 do all[#all + 1] = string.char(i) end
local allstr = table.concat(all)
print(#allstr, allstr:byte(1), allstr:byte(256))
print(("\u{E9}"):byte(1, -1))
print(#"\u{7FF}", #"\u{800}", #"\u{FFFF}", #"\u{10000}")
print("\x41\x42", "\x61" == "a")
