local log = {}
local function res(name)
  return setmetatable({}, { __close = function(self, e) log[#log + 1] = name end })
end
do
  local a <close> = res("a")
  local b <close> = res("b")
  local c <close> = res("c")
  log[#log + 1] = "body"
end
print(table.concat(log, " "))
log = {}
do
  local n <close> = nil
  local f <close> = false
  local r <close> = res("r")
end
print(table.concat(log, " "))
print(pcall(function() local bad <close> = {} end))
print(pcall(function() local bad <close> = 42 end))
