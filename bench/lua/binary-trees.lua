-- Binary trees (Computer Language Benchmarks Game), allocation heavy.
local N = 14

local function bottomUpTree(depth)
  if depth > 0 then
    depth = depth - 1
    local left, right = bottomUpTree(depth), bottomUpTree(depth)
    return { left, right }
  else
    return { }
  end
end

local function itemCheck(tree)
  if tree[1] then
    return 1 + itemCheck(tree[1]) + itemCheck(tree[2])
  else
    return 1
  end
end

local mindepth = 4
local maxdepth = mindepth + 2
if maxdepth < N then maxdepth = N end

local total = 0
do
  local stretchdepth = maxdepth + 1
  local stretchtree = bottomUpTree(stretchdepth)
  local c = itemCheck(stretchtree)
  total = total + c
  print(string.format("stretch tree of depth %d\t check: %d", stretchdepth, c))
end

local longlivedtree = bottomUpTree(maxdepth)

for depth = mindepth, maxdepth, 2 do
  local iterations = 2 ^ (maxdepth - depth + mindepth)
  iterations = math.floor(iterations)
  local check = 0
  for _ = 1, iterations do
    check = check + itemCheck(bottomUpTree(depth))
  end
  total = total + check
  print(string.format("%d\t trees of depth %d\t check: %d", iterations, depth, check))
end

local c = itemCheck(longlivedtree)
total = total + c
print(string.format("long lived tree of depth %d\t check: %d", maxdepth, c))
print(string.format("checksum %d", total))
