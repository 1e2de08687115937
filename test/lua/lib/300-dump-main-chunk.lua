-- string.dump of a loaded main chunk keeps it a vararg chunk
local f = load("x = 1; return x, ...")
local d = string.dump(f)
local g = assert(load(d, "dumped", "b"))
print(g(7, 8))
print(x)
print(select('#', g()))
print(load(d, nil, "t"))
-- reader-based loading of the dump
local i = 0
local h = assert(load(function() i = i + 1; return d:sub(i, i) end))
print(h("a"))
-- dump of a dump
print(load(string.dump(g))(5))
-- a function inside a chunk still dumps as a function
local k = load("return function(a, b) return a + b end")()
print(load(string.dump(k))(2, 3))
