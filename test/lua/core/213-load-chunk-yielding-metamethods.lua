-- a chunk compiled by load runs under a coroutine whose metamethods (defined by the script) yield
local mt = {
  __index = function (t,k) coroutine.yield(nil, "idx"); return t.k[k] end,
  __newindex = function (t,k,v) coroutine.yield(nil, "nidx"); t.k[k] = v end,
}
local g = setmetatable({k = {BBB = 10}}, mt)
local f = load("AAA = BBB + 1; return AAA", "x", "t", g)
local c = coroutine.wrap(f)
print(c()); print(c()); print(c()); print(c())
local h = load("local t = ...; t.AAA = t.BBB + 1; return t.AAA")
c = coroutine.wrap(h)
print(c(g)); print(c()); print(c()); print(c())
