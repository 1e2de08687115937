-- a __tostring that cannot be called fails inside tostring/print/format, so without a position
print(pcall(tostring, setmetatable({}, {__tostring = false})))
print(pcall(string.format, "[%s]", setmetatable({}, {__tostring = 7})))
local callable = setmetatable({}, {__call = function(self, obj) return "via __call" end})
print(tostring(setmetatable({}, {__tostring = callable})))
print(setmetatable({}, {__tostring = "not a function"}))
