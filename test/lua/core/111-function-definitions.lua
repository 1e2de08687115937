local obj = { inner = {} }
function obj.inner.f(x) return x + 1 end
function obj.inner:m(x) return self == obj.inner, x end
print(obj.inner.f(1), obj.inner:m(2))
local function recursive(n) return n <= 0 and "base" or recursive(n - 1) end
print(recursive(3))
local anon = function(...) return select('#', ...) end
print(anon(), anon(nil), anon(1, 2))
print((function(a, b, c) return c, b, a end)(1, 2, 3))
local f = function() end
print(f() == nil, select('#', f()))
