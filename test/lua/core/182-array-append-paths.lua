-- Appending to tables: plain arrays, tables with a hash part, __newindex, holes, and t[#t+1].
local t = {}
for i = 1, 10 do t[i] = i * i end
print(#t, t[1], t[10], t[11])
t[#t + 1] = "x"
print(#t, t[11])
-- the hash part holds keys beyond the array; appending joins them
local h = {}
h[3] = "c"; h[2] = "b"
h[1] = "a"
print(#h, h[1], h[2], h[3])
h[4] = "d"
print(#h, table.concat(h, ","))
-- __newindex sees every absent key, appends included
local log = {}
local p = setmetatable({}, { __newindex = function(tt, k, v) log[#log + 1] = k; rawset(tt, k, v) end })
for i = 1, 3 do p[i] = i end
p[2] = 20 -- present: no __newindex
print(table.concat(log, ","), p[1], p[2], p[3], #p)
-- a metatable without __newindex: raw appends
local q = setmetatable({}, { __index = function() return "dflt" end })
for i = 1, 3 do q[i] = i end
print(#q, q[3], q[4])
-- nil values never append; float keys with integral values do
local r = {}
r[1] = nil
print(#r, next(r))
r[1.0] = "one"; r[2.0] = "two"
print(#r, r[1], r[2], math.type(next(r)))
-- non-integral and negative keys go to the hash
r[2.5] = "x"; r[-1] = "neg"; r[0] = "zero"
print(#r, r[2.5], r[-1], r[0])
-- a string key that looks like a number is a different key
r["3"] = "s3"
print(#r, r[3], r["3"])
-- removing from the end and appending again
local s = { 1, 2, 3 }
s[#s] = nil
s[#s + 1] = "new"
print(#s, table.concat(s, ","))
