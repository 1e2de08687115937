local fs = {}
local i = 1
::again::
do
  local j = i
  fs[#fs + 1] = function() return j end
end
i = i + 1
if i <= 3 then goto again end
print(fs[1](), fs[2](), fs[3]())
do
  goto skip
  print("skipped")
  ::skip::
end
local n = 0
while true do
  n = n + 1
  if n < 5 then goto cont end
  do break end
  ::cont::
end
print(n)
