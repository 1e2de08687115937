local function inner() error("inner error") end
local function middle()
  local ok, e = pcall(inner)
  return "middle saw: " .. tostring(e)
end
print(pcall(middle))
print(pcall(pcall, error, "x"))
print(pcall(pcall))
local depth = 0
local function rec(n)
  if n == 0 then error("bottom", 0) end
  local ok, e = pcall(rec, n - 1)
  depth = depth + 1
  error(e .. "<" .. n, 0)
end
print(pcall(rec, 3))
print(depth)
print(pcall(function() return 1, 2, 3 end))
