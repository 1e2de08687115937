local x = "outer"
local function f()
  local x = "f"
  local function g()
    return x
  end
  x = "f-modified"
  return g()
end
print(f(), x)
do
  local x = "block"
  print(x)
end
print(x)
local function params(x) x = x .. "!"; return x end
print(params("p"), x)
for x = 1, 2 do print("loop x", x) end
print(x)
