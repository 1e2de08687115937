local t = { 5, 2, 8, 1, 9, 3 }
table.sort(t)
print(table.concat(t, " "))
table.sort(t, function(a, b) return a > b end)
print(table.concat(t, " "))
local s = { "banana", "apple", "Cherry", "date" }
table.sort(s)
print(table.concat(s, " "))
table.sort(s, function(a, b) return a:lower() < b:lower() end)
print(table.concat(s, " "))
local f = { 3.5, 1, 2.25, -1, 0 }
table.sort(f)
print(table.concat(f, " "))
local r = { { n = "b", v = 2 }, { n = "a", v = 2 }, { n = "c", v = 1 } }
table.sort(r, function(x, y) if x.v ~= y.v then return x.v < y.v end return x.n < y.n end)
print(r[1].n, r[2].n, r[3].n)
local empty = {}
table.sort(empty)
print(#empty)
print(pcall(table.sort, { 1, "a", 2 }))
print(pcall(table.sort, { 1, 2 }, 3))
