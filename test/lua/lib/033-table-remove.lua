local t = { "a", "b", "c", "d" }
print(table.remove(t), table.concat(t, ","))
print(table.remove(t, 1), table.concat(t, ","))
print(table.remove(t, #t + 1), table.concat(t, ","))
local e = {}
print(table.remove(e), #e)
print(table.remove(e, 0), table.remove(e, 1))
local function perr(ok, m) print(ok, (m:gsub("#%d", "#N"))) end
perr(pcall(table.remove, e, 2))
perr(pcall(table.remove, { 1, 2 }, 5))
local z = { [0] = "zero" }
print(table.remove(z, 0), z[0])
local s = { 1, 2, 3 }
print(table.remove(s, 2), s[1], s[2], s[3])
