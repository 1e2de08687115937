local function counter()
  local c = 0
  return function() c = c + 1; return c end
end
local c1, c2 = counter(), counter()
print(c1(), c1(), c1(), c2())
local fs = {}
for i = 1, 3 do
  local x = i * 10
  fs[i] = function() x = x + 1; return x end
end
print(fs[1](), fs[1](), fs[2](), fs[3]())
local acc = {}
local k = 1
while k <= 3 do
  local kk = k
  acc[k] = function() return kk end
  k = k + 1
end
print(acc[1](), acc[2](), acc[3]())
