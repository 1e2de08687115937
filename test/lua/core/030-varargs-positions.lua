local function three() return 1, 2, 3 end
local function f(...)
  local a, b = ...
  print(a, b)
  print(..., "end")
  print("start", ...)
  local t = { ..., "x" }
  print(#t, t[1], t[2])
  local u = { "x", ... }
  print(#u)
end
f(three())
f()
local function count(...) return select('#', ...) end
print(count(three(), three()))
print(count(three(), nil))
print(count((three())))
