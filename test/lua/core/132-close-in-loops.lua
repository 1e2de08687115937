local log = {}
local function res(n) return setmetatable({}, { __close = function() log[#log + 1] = n end }) end
for i = 1, 3 do
  local r <close> = res("for" .. i)
end
local i = 0
while i < 2 do
  i = i + 1
  local r <close> = res("while" .. i)
  if i == 1 then goto continue end
  log[#log + 1] = "body" .. i
  ::continue::
end
repeat
  local r <close> = res("repeat")
until true
print(table.concat(log, " "))
