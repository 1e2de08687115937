local log = {}
local function res(name)
  return setmetatable({}, { __close = function(_, err) log[#log + 1] = name .. "(" .. tostring(err) .. ")" end })
end
print(pcall(function()
  local a <close> = res("a")
  local b <close> = res("b")
  error("fail", 0)
end))
print(table.concat(log, " "))
log = {}
print(pcall(function()
  local a <close> = setmetatable({}, { __close = function(_, e) error("close error", 0) end })
  local b <close> = res("b")
  error("original", 0)
end))
print(table.concat(log, " "))
log = {}
print(pcall(function()
  local a <close> = setmetatable({}, { __close = function() error("from close", 0) end })
  return "not reached"
end))
