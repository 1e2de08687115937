local log = {}
local function res(name)
  return setmetatable({}, { __close = function() log[#log + 1] = name end })
end
local i = 0
::again::
do
  local r <close> = res("r" .. i)
  i = i + 1
  if i < 3 then goto again end
end
print(table.concat(log, " "))
log = {}
do
  local outer <close> = res("outer")
  for j = 1, 2 do
    local inner <close> = res("inner" .. j)
    if j == 1 then goto next end
    log[#log + 1] = "body" .. j
    ::next::
  end
end
print(table.concat(log, " "))
