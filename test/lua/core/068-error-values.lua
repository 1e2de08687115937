local ok, e = pcall(error, { code = 1 })
print(ok, type(e), e.code)
print(pcall(error, "msg", 0))
print(pcall(error))
print(pcall(error, nil))
print(pcall(error, 42))
print(pcall(error, true))
print(pcall(error, 1.5))
local function thrower() error("with position") end
print(pcall(thrower))
local function lvl2() error("level two", 2) end
local function caller() lvl2() end
print(pcall(caller))
print(select('#', pcall(error)))
