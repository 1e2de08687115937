-- a metamethod that cannot be called is named in the error
local t = setmetatable({}, {__add = 34, __unm = true, __len = "x", __concat = {}, __idiv = 1.5})
print(pcall(function() return t + 1 end))
print(pcall(function() return 1 + t end))
print(pcall(function() return -t end))
print(pcall(function() return #t end))
print(pcall(function() return t .. "s" end))
print(pcall(function() return t // 2 end))
-- a callable table as metamethod is fine
local u = setmetatable({}, {__add = setmetatable({}, {__call = function(_, a, b) return "called" end})})
print(u + 1)
