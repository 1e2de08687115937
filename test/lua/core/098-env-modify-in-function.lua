local function sandbox(code_fn, env)
  return code_fn(env)
end
local result = sandbox(function(_ENV)
  x = 10
  y = x * 2
  return x + y
end, {})
print(result)
local env = setmetatable({}, { __index = function(_, k) return "missing:" .. k end })
print(sandbox(function(_ENV) return foo, bar end, env))
local function get_env() return _ENV end
print(get_env() == _G)
