-- tables with many string keys (moongate moves them to a Map past 128 keys)
local t = {}
for i = 1, 1000 do t["k" .. i] = i end
local n, sum = 0, 0
for k, v in pairs(t) do n = n + 1; sum = sum + v end
print(n, sum, t.k1, t.k500, t["k1000"], t.k1001, rawget(t, "k7"))
for i = 1, 1000, 2 do t["k" .. i] = nil end
n = 0
for _ in pairs(t) do n = n + 1 end
print(n, t.k1, t.k2, next({}) == nil)
t.k2 = "two"
t.newkey = true
print(t.k2, t.newkey, t["k" .. 998])
local mt = {__index = function(_, k) return "miss:" .. k end}
setmetatable(t, mt)
print(t.k3, t.k4, t.absent)
local cls = {}
cls.__index = cls
for i = 1, 300 do cls["m" .. i] = function(self) return i + self.base end end
local obj = setmetatable({base = 1000}, cls)
print(obj:m1(), obj:m150(), obj:m300(), obj.m301)
local keys = {}
local small = {}
for i = 1, 200 do small["x" .. i] = i end
for i = 1, 200 do small["x" .. i] = nil end
small.only = 1
for k in pairs(small) do keys[#keys + 1] = k end
print(#keys, keys[1])
