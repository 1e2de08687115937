local env = {}
local f = load("a = 1; b = 2", "=env", "t", env)
f()
print(env.a, env.b, a, b)
local g = load("return print", "=p", "t", {})
print(g())
print(load("return 1", "=bin", "b"))
local h = load("x = 10", "=nilenv", "t", nil)
print(pcall(h))
local shared = { count = 0 }
local inc = load("count = count + 1 return count", "=inc", "t", shared)
inc(); inc()
print(shared.count)
