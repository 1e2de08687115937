local mt = {}
mt.__eq = function(a, b) return a.v == b.v end
mt.__lt = function(a, b) return a.v < b.v end
mt.__le = function(a, b) return a.v <= b.v end
local function V(v) return setmetatable({ v = v }, mt) end
local a, b, c = V(1), V(2), V(1)
print(a == c, a ~= c, a == b, a < b, a <= c, b > a, b >= a, a > b)
print(rawequal(a, c))
local other = setmetatable({ v = 1 }, { __eq = function() return true end })
print(a == other, other == a)
print(a == 1)
local weird = setmetatable({}, { __lt = function() return 1 end, __le = function() return nil end })
print(weird < weird, weird <= weird)
print(pcall(function() return a < 1 end))
print(pcall(function() return {} <= {} end))
