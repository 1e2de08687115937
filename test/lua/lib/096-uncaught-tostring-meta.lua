local obj = setmetatable({}, { __tostring = function() return 42 end })
print(tostring(obj))
local bad = setmetatable({}, { __tostring = function() return nil end })
print(bad)
