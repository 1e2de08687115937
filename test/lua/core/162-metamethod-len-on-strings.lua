print(#"hello", rawlen("hello"))
local mt = getmetatable("")
print(mt.__len)
local proxy = setmetatable({}, { __len = function() return 3 end, __index = function(_, i) return i * 2 end })
local out = {}
for i = 1, #proxy do out[i] = proxy[i] end
print(table.concat(out, " "))
print(#setmetatable({ 1, 2, 3 }, { __len = function(t) return rawlen(t) * 10 end }))
