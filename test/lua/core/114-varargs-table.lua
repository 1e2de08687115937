local function count_nils(...)
  local n = 0
  for i = 1, select('#', ...) do
    if select(i, ...) == nil then n = n + 1 end
  end
  return n
end
print(count_nils(nil, 1, nil, nil))
local function pass(...) return ... end
print(pass(1, nil, nil))
print(select('#', pass(nil, nil)))
local function sum(...)
  local s = 0
  for _, v in ipairs({ ... }) do s = s + v end
  return s
end
print(sum(1, 2, 3, 4))
local function first(a, ...) return a end
local function rest(a, ...) return ... end
print(first(9, 8, 7), rest(9, 8, 7))
print(type(load("return ...")))
local function v2(...) local a, b, c = ... return c, b, a end
print(v2(1, 2))
