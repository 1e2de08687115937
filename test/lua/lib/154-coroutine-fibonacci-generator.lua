local fib = coroutine.wrap(function()
  local a, b = 0, 1
  while true do coroutine.yield(a) a, b = b, a + b end
end)
local out = {}
for i = 1, 20 do out[i] = fib() end
print(table.concat(out, " "))
local function take(gen, n) local r = {} for i = 1, n do r[i] = gen() end return r end
local squares = coroutine.wrap(function() for i = 1, math.huge do coroutine.yield(i * i) end end)
print(table.concat(take(squares, 8), " "))
