local function try(f, ...)
  local ok, e = pcall(f, ...)
  if not ok then return "caught: " .. tostring(e) end
  return "ok"
end
print(try(error, "plain", 0))
print(try(function() local ok, e = pcall(error, "inner", 0); error(e .. " rethrown", 0) end))
local E = {}
local ok, e = pcall(function() error(E) end)
print(ok, e == E)
local ok2, e2 = pcall(function()
  local ok3, e3 = pcall(error, E)
  error(e3)
end)
print(ok2, e2 == E)
print(pcall(function() error("x", 3) end))
