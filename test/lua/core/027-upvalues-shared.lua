local function pair()
  local v = 0
  local function get() return v end
  local function set(x) v = x end
  return get, set
end
local get, set = pair()
set(5)
print(get())
set("hello")
print(get())
local a = 1
local function f() a = a + 1 end
local function g() return a end
f(); f()
print(a, g())
local function outer()
  local x = 0
  local function mid()
    local function inner() x = x + 1; return x end
    return inner
  end
  return mid(), mid(), function() return x end
end
local i1, i2, gx = outer()
i1(); i2(); i1()
print(gx())
