-- Recursive Fibonacci: function call overhead.
local N = 32
local REPEAT = 1

local function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end

local total = 0
for _ = 1, REPEAT do
  total = total + fib(N)
end
print(string.format("fib(%d) = %d", N, total))
print(string.format("checksum %d", total))
