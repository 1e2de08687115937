local orig = tostring
tostring = function(v) return "X" end
print(1, nil, "s")
tostring = orig
print(1, nil, "s")
local mt = { __tostring = function(t) return "T(" .. t.v .. ")" end }
print(setmetatable({ v = 1 }, mt), setmetatable({ v = 2 }, mt))
local n = setmetatable({}, { __tostring = function() return 99 end })
print(pcall(print, n))
local bad = setmetatable({}, { __tostring = function() return {} end })
print(pcall(print, bad))
