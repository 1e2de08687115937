local x <const> = 10
local s <const> = "str"
print(x, s)
local function f()
  local a <const>, b = 1, 2
  b = b + a
  return b
end
print(f())
local t <const> = {}
t.field = "mutable contents"
print(t.field)
local ok, err = load("local c <const> = 1; c = 2")
print(ok, err)
local ok2, err2 = load("local c <foo> = 1")
print(ok2, err2)
