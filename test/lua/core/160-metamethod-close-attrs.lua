local order = {}
local function mk(n) return setmetatable({ n = n }, { __close = function(o, e) order[#order + 1] = o.n end, __tostring = function(o) return "R" .. o.n end }) end
do
  local a <close> = mk(1)
  local b <const> = 5
  local c <close> = mk(2)
  print(a, b, c)
end
print(table.concat(order, ","))
local ok = pcall(function()
  local x <close> = setmetatable({}, { __index = { __close = function() end } })
end)
print(ok)
