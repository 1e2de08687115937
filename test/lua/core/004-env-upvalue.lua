local function makeenv()
  local _ENV = { count = 0 }
  local function inc() count = count + 1; return count end
  local function get() return count end
  return inc, get, _ENV
end
local inc, get, env = makeenv()
inc(); inc()
print(get(), env.count)
env.count = 100
print(inc())
local function withenv(_ENV) return a + b end
print(withenv({ a = 3, b = 4 }))
print(withenv({ a = 10, b = -1 }))
