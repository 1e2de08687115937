local function make(step)
  local n = 0
  return {
    inc = function() n = n + step; return n end,
    get = function() return n end,
    reset = function() n = 0 end,
  }
end
local a, b = make(1), make(10)
a.inc(); a.inc(); b.inc()
print(a.get(), b.get())
a.reset()
print(a.get(), a.inc(), b.inc())
local function memo(fn)
  local cache = {}
  return function(x)
    if cache[x] == nil then cache[x] = fn(x) end
    return cache[x]
  end
end
local calls = 0
local sq = memo(function(x) calls = calls + 1; return x * x end)
print(sq(4), sq(4), sq(5), calls)
