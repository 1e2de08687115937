-- multiple assignment to table targets: swaps, appends, deletes, string keys, metamethods, errors
local a = {1, 2, 3, 4, 5}
local i, j = 1, 5
while i < j do a[i], a[j] = a[j], a[i]; i = i + 1; j = j - 1 end
print(table.concat(a, ","))

local t = {}
t[1], t[2], t[3] = "x", "y", "z"        -- appends, assigned right to left
print(#t, t[1], t[2], t[3])
t[3], t[2] = nil, nil                     -- deletes
print(#t, t[2], t[3])
t.x, t["y"], t[2.0] = 10, 20, "two"       -- string keys and an integral float key
print(t.x, t.y, t[2], math.type(next({[2.0] = 1})))

local log = {}
local proxy = setmetatable({}, {__newindex = function(_, k, v) log[#log + 1] = tostring(k) .. "=" .. tostring(v) end})
proxy[1], proxy.name, proxy[3] = "a", "b", "c"
print(table.concat(log, " "))

local ro = setmetatable({}, {__newindex = function() error("read-only table", 2) end})
print(pcall(function() local q = {} q[1], ro[1] = 1, 2 end))

local function f() return 7, 8, 9 end
local u = {}
u[1], u[2], u[3] = f()
print(u[1], u[2], u[3])
u[1], u[2] = f(), 0
print(u[1], u[2])

local s = {n = 0}
s.n, s.m = s.n + 1, s.n + 2
print(s.n, s.m)

print(pcall(function() local n = nil; local z = {} z[1], n[1] = 1, 2 end))
print(pcall(function() local z = {} z[1], z[nil] = 1, 2 end))
print(pcall(function() local z = {} z[0/0], z[1] = 1, 2 end))
local k = {}
k[1], k[1] = "first", "second"
print(k[1])
