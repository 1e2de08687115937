-- A `<close>` local stays open across later labels of its block; a goto back above it closes it
local log = {}
local function res(name)
  return setmetatable({}, {__close = function(_, e) log[#log + 1] = name .. ":" .. tostring(e) end})
end
local function show() print(table.concat(log, " ")); log = {} end

do
  local a <close> = res("a")
  ::here::
  log[#log + 1] = "body"
end
show()

local function count(n)
  local i = 0
  ::again::
  i = i + 1
  local r <close> = res("r" .. i)
  log[#log + 1] = "i" .. i
  if i < n then goto again end
  log[#log + 1] = "last"
  ::done::
  return i
end
print(count(3)); show()

print(pcall(function()
  local x <close> = res("x")
  local y <close> = res("y")
  ::mid::
  error("boom", 0)
end)); show()

print(pcall(function()
  local x <close> = res("x")
  local y <close> = setmetatable({}, {__close = function() error("in y", 0) end})
  goto skip
  ::skip::
  log[#log + 1] = "after"
end)); show()

for k = 1, 3 do
  local c <close> = res("c" .. k)
  if k == 2 then goto continue end
  log[#log + 1] = "k" .. k
  ::continue::
end
show()

local function back()
  local n = 0
  ::top::
  n = n + 1
  do
    local d <close> = res("d" .. n)
    if n < 2 then goto top end
  end
  local e <close> = res("e")
  ::tail::
  return n
end
print(back()); show()
