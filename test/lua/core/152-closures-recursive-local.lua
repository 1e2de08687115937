local function outer()
  local function fact(n) return n <= 1 and 1 or n * fact(n - 1) end
  return fact
end
print(outer()(10))
local fib
fib = function(n) return n < 2 and n or fib(n - 1) + fib(n - 2) end
print(fib(15))
local g = function(n) return n end
local g = function(n) if n == 0 then return "inner" end return g(n - 1) end
print(g(3))
