local function outer()
  local print = function(...) return "shadowed", ... end
  return print(1, 2)
end
print(outer())
local type = function(x) return "always" end
print(type(1))
do
  local tostring = nil
  print(pcall(function() return tostring(1) end))
end
