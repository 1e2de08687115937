for i = 1, 3 do
  local j = i
  i = i * 10
  print(i, j)
end
local fs = {}
for i = 1, 3 do fs[i] = function() return i end end
print(fs[1](), fs[2](), fs[3]())
local n = 3
for i = 1, n do n = 10 end
print(n)
local cnt = 0
local lim = 5
for i = 1, lim do lim = 1; cnt = cnt + 1 end
print(cnt)
