local i = 0
local results = {}
repeat
  local sq = i * i
  results[#results + 1] = sq
  i = i + 1
until sq > 20
print(table.concat(results, ","))
local fs = {}
local j = 0
repeat
  j = j + 1
  local captured = j
  fs[j] = function() return captured end
until captured == 3
print(fs[1](), fs[2](), fs[3]())
repeat
  local x = 5
  local y = x * 2
until y == 10
print("ok")
