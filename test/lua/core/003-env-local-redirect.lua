local print = print
do
  local _ENV = { x = 1, y = 2 }
  z = x + y
  print(x, y, z)
  print(_ENV.z)
end
print(z)
local function f()
  local _ENV = setmetatable({}, { __index = _G })
  newglobal = 42
  return newglobal, _G.newglobal
end
print(f())
print(newglobal)
