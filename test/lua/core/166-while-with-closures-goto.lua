local fs = {}
local i = 0
while i < 3 do
  i = i + 1
  local j = i
  fs[#fs + 1] = function() return j * 100 end
  if j == 2 then goto cont end
  fs[#fs + 1] = function() return -j end
  ::cont::
end
local out = {}
for _, f in ipairs(fs) do out[#out + 1] = f() end
print(table.concat(out, " "))
