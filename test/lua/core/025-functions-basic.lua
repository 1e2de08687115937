local function add(a, b) return a + b end
print(add(1, 2))
print(add(1, 2, 3))
print(pcall(add, 1))
local function noret() end
print(noret())
print((noret()))
print(select('#', noret()))
local f = function(...) return ... end
print(f(1, nil, 3))
function globalfn(x) return x * 2 end
print(globalfn(21))
local t = {}
function t.a(x) return x end
function t.b.c() end
