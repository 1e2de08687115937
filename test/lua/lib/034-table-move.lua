local a = { 1, 2, 3, 4, 5 }
table.move(a, 2, 4, 1)
print(table.concat(a, ","))
local b = { 1, 2, 3, 4, 5 }
table.move(b, 1, 3, 3)
print(table.concat(b, ","))
local c = table.move({ "x", "y" }, 1, 2, 1, {})
print(table.concat(c, ","))
local d = table.move({ 1, 2, 3 }, 1, 0, 1, { "keep" })
print(table.concat(d, ","))
print(pcall(table.move, {}, 1, math.maxinteger, 2))
print(pcall(table.move, {}))
local e = table.move({ 1, 2, 3 }, 2, 3, 5, { 9 })
print(e[1], e[5], e[6], #e)
