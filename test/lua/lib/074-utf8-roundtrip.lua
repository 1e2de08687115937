local cps = { 0, 65, 127, 128, 2047, 2048, 65535, 65536, 1114111 }
for _, cp in ipairs(cps) do
  local s = utf8.char(cp)
  print(cp, #s, utf8.codepoint(s), utf8.len(s))
end
local str = utf8.char(table.unpack(cps))
print(utf8.len(str), #str)
local back = { utf8.codepoint(str, 1, -1) }
print(#back, back[9])
