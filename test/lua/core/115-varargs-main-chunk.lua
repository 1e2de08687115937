print(select('#', ...))
local args = { ... }
print(#args)
local f = load("return select('#', ...), ...")
print(f(1, 2, 3))
print(f())
local g = load("local a, b = ... return b, a")
print(g("x", "y"))
