local function two() return 1, 2 end
local function one() return 7 end
local function none() end
local function show(...) print(select('#', ...), ...) end
show(two()); show(one()); show(none()); show(0, two()); show(0, one()); show(0, none())
local t = {n = 0}
function t:add(...) self.n = self.n + select('#', ...) return self end
t:add(two()):add(one()):add(none())
print(t.n)
local x = 1
local function bump() x = x + 1 return x end
show(x, bump())
print(pcall(function() nosuch(1, one()) end))
print(pcall(function() local q; q.m(1, two()) end))
print(string.format("%d %d", two()))
print(math.max(3, two()))
