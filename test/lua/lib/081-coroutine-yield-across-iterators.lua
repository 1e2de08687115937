local function tree_iter(t)
  return coroutine.wrap(function()
    local function walk(node)
      if type(node) == "table" then
        for _, child in ipairs(node) do walk(child) end
      else
        coroutine.yield(node)
      end
    end
    walk(t)
  end)
end
local out = {}
for leaf in tree_iter({ 1, { 2, { 3, 4 } }, { { 5 } }, 6 }) do out[#out + 1] = leaf end
print(table.concat(out, " "))
local co = coroutine.wrap(function()
  for i, v in ipairs({ "a", "b" }) do coroutine.yield(i, v) end
  table.sort({ 3, 1, 2 }, function(a, b) return a < b end)
  return "sorted"
end)
print(co())
print(co())
print(co())
