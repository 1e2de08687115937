local function compose(f, g) return function(...) return f(g(...)) end end
local inc = function(x) return x + 1 end
local dbl = function(x) return x * 2 end
print(compose(inc, dbl)(5), compose(dbl, inc)(5))
local function curry(f) return function(a) return function(b) return f(a, b) end end end
print(curry(function(a, b) return a - b end)(10)(3))
local function map(t, f) local r = {} for i, v in ipairs(t) do r[i] = f(v) end return r end
print(table.concat(map({ 1, 2, 3 }, dbl), ","))
local function reduce(t, f, acc) for _, v in ipairs(t) do acc = f(acc, v) end return acc end
print(reduce({ 1, 2, 3, 4 }, function(a, b) return a + b end, 0))
