local defaults = { color = "red", size = 1 }
local function new(o) return setmetatable(o or {}, { __index = defaults }) end
local a = new({ size = 5 })
print(a.color, a.size, rawget(a, "color"))
defaults.color = "blue"
print(a.color)
a.color = "green"
print(a.color, defaults.color)
a.color = nil
print(a.color)
local counter = setmetatable({}, { __index = function(t, k) local v = #k; rawset(t, k, v); return v end })
print(counter.hello, rawget(counter, "hello"), counter.hi)
