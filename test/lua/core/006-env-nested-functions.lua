local env = { print = print, n = 0 }
local function outer()
  local _ENV = env
  local function inner()
    n = n + 1
    return n
  end
  inner(); inner()
  return inner()
end
print(outer(), env.n)
local saved = _ENV
local function swap()
  local _ENV = { tostring = tostring }
  return tostring(print)
end
print(swap())
print(type(saved.print))
