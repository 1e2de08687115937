counter_global = 0
local f = load("counter_global = counter_global + 1 return counter_global")
f(); f()
print(counter_global)
local local_var = "hidden"
local g = load("return local_var")
print(g())
local env = setmetatable({}, { __index = _G })
local h = load("newvar = 'in env' return newvar, type(print)", "=h", "t", env)
print(h())
print(newvar, env.newvar)
