local names = {}
for _, n in ipairs({ "print", "pairs", "ipairs", "type", "tostring", "tonumber", "select", "error", "pcall" }) do
  names[#names + 1] = n .. "=" .. type(_G[n])
end
print(table.concat(names, " "))
print(_VERSION)
_G.dyn = function() return "dynamic" end
print(dyn())
local key = "computed_" .. 1
_G[key] = "yes"
print(computed_1)
