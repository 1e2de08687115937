local a = 1
local b, c = 2
print(a, b, c)
local d, e = 1, 2, 3
print(d, e)
do
  local a = 10
  print(a)
end
print(a)
local x = 1
local x = x + 1
print(x)
local function shadow()
  local a = "inner"
  return a
end
print(shadow(), a)
local t = nil
print(t == nil, type(t))
