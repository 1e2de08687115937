local function lvl(n) error("at level " .. n, n) end
print(pcall(lvl, 1))
print(pcall(lvl, 2))
local function wrapper() lvl(2) end
print(pcall(wrapper))
local function wrapper3() local function inner() lvl(3) end inner() end
print(pcall(wrapper3))
print(pcall(error, "direct", 1))
print(pcall(error, "direct2", 2))
local function bad() error(setmetatable({}, { __tostring = function() return "custom err" end })) end
local ok, e = pcall(bad)
print(ok, tostring(e))
