local t = { 1, 2, nil, 4 }
for i, v in ipairs(t) do print(i, v) end
local u = { [1] = "a", [2] = "b", [4] = "d" }
for i, v in ipairs(u) do print(i, v) end
for i, v in ipairs({}) do print("never") end
local p = setmetatable({}, { __index = function(t, i) if i <= 3 then return i * 11 end end })
for i, v in ipairs(p) do print("proxy", i, v) end
local s = { n = 1, "x", "y" }
for i, v in ipairs(s) do print(i, v) end
