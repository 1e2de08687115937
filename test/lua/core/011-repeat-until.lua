local i = 0
repeat
  i = i + 1
until i >= 5
print(i)
local n = 0
repeat
  local done = n >= 3
  n = n + 1
until done
print(n)
local count = 0
repeat count = count + 1 until true
print(count)
local out = {}
local k = 10
repeat
  local v = k * 2
  out[#out + 1] = v
  k = k - 3
until v < 10
print(table.unpack(out))
