local fs = {}
local shared = 0
for i = 1, 3 do
  fs[i] = function() shared = shared + i; return shared end
end
print(fs[1](), fs[2](), fs[3](), shared)
local gs = {}
do
  local x = 0
  for i = 1, 2 do gs[i] = function() x = x + 1; return x end end
end
print(gs[1](), gs[2](), gs[1]())
local hs = {}
for i = 1, 2 do
  local y = 0
  hs[i] = { function() y = y + 1 end, function() return y end }
end
hs[1][1](); hs[1][1](); hs[2][1]()
print(hs[1][2](), hs[2][2]())
