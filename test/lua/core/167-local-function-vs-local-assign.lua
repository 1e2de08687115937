local function f1(n) if n == 0 then return "f1 rec ok" end return f1(n - 1) end
print(f1(3))
local f2 = function(n) return n end
do
  local f2 = function(n) if n == 0 then return "outer" end return f2(0) end
  print(f2(1))
end
print(pcall(function()
  local f3 = function(n) if n == 0 then return 0 end return f3(n - 1) end
  return f3(1)
end))
