local t = { 1, 2, [3] = "explicit", 4 }
print(t[3], #t)
local u = { [1] = "first", [1] = "second" }
print(u[1])
local i = 0
local function nexti() i = i + 1; return i end
local v = { [nexti()] = nexti(), [nexti()] = nexti() }
local ks = {}
for k, val in pairs(v) do ks[#ks + 1] = k .. "=" .. val end
table.sort(ks)
print(table.concat(ks, " "))
local w = { x = 1, x = 2 }
print(w.x)
local trailing = { 1, 2, 3, }
print(#trailing)
