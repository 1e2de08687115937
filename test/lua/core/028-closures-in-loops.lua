local fs = {}
for _, name in ipairs({ "a", "b", "c" }) do
  fs[#fs + 1] = function() return name end
end
print(fs[1](), fs[2](), fs[3]())
local ws = {}
local i = 0
while i < 3 do
  i = i + 1
  local captured = i
  ws[i] = function() return captured, i end
end
print(ws[1]())
print(ws[3]())
local rs = {}
local j = 0
repeat
  j = j + 1
  local v = j * j
  rs[j] = function() return v end
until v >= 9
print(rs[1](), rs[2](), rs[3]())
