local inventory = { apples = 3, pears = 0, kiwis = 12, figs = 7 }
local names = {}
for name in pairs(inventory) do names[#names + 1] = name end
table.sort(names, function(a, b) return inventory[a] > inventory[b] end)
for i, n in ipairs(names) do print(i, n, inventory[n]) end
local total = 0
for _, qty in pairs(inventory) do total = total + qty end
print("total", total)
