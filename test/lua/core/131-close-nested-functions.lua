local log = {}
local function res(n) return setmetatable({}, { __close = function(_, e) log[#log + 1] = n .. (e and ("!" .. tostring(e)) or "") end }) end
local function level3() local c <close> = res("c3"); error("deep", 0) end
local function level2() local c <close> = res("c2"); level3() end
local function level1() local c <close> = res("c1"); level2() end
print(pcall(level1))
print(table.concat(log, " "))
log = {}
local function gen()
  local c <close> = res("gen")
  return function() return "closure still works" end
end
print(gen()())
print(table.concat(log, " "))
