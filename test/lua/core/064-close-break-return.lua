local log = {}
local function res(name)
  return setmetatable({}, { __close = function() log[#log + 1] = name end })
end
for i = 1, 3 do
  local r <close> = res("iter" .. i)
  if i == 2 then break end
end
print(table.concat(log, " "))
log = {}
local function f()
  local a <close> = res("a")
  do
    local b <close> = res("b")
    return "returned", #log
  end
end
print(f())
print(table.concat(log, " "))
log = {}
local function g()
  local x <close> = res("x")
  return (function() log[#log + 1] = "inner"; return "v" end)()
end
print(g(), table.concat(log, " "))
