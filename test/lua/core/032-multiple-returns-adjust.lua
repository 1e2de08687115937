local function f() return 1, 2, 3 end
print(f())
print((f()))
print(f(), 10)
print(10, f())
local t = { f() }
print(#t)
local u = { f(), 1 }
print(#u, u[1], u[2])
local v = { f(), f() }
print(#v)
local a, b, c, d = f()
print(a, b, c, d)
local function tail() return f() end
print(tail())
local function paren() return (f()) end
print(paren())
print(#{ (f()) })
local s = "" .. f()
print(s)
