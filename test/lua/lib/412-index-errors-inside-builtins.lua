-- indexing faults raised inside table.unpack and the ipairs iterator carry no position nor variable name
print(pcall(table.unpack, nil, 1, 2))
print(pcall(table.unpack, true, 1, 1))
print(pcall(table.unpack, 5, 2, 3))
print(select("#", table.unpack(nil, 3, 2)))
print(table.unpack("hello", 1, 2))
local chained = setmetatable({}, {__index = setmetatable({}, {__index = false})})
print(pcall(table.unpack, chained, 1, 1))
local iter = ipairs({})
print(pcall(iter, nil, 0))
print(pcall(iter, 12, 4))
for i, v in ipairs(setmetatable({}, {__index = function(_, k) if k < 3 then return k * k end end})) do print(i, v) end
for _ in ipairs(setmetatable({}, {__index = true})) do end
