local G = _G
local function run(env)
  local _ENV = env
  result = (val or 0) * 2
  return result
end
local e1 = { val = 21 }
print(run(e1), e1.result)
local e2 = {}
print(run(e2), e2.result)
print(G.result)
local _ENV = setmetatable({}, { __index = G, __newindex = function(t, k, v) G.rawset(t, k, v .. "!") end })
foo = "bar"
print(foo)
print(G.foo)
