local t = { 10, 20, 30, x = "a" }
local k, v = next(t)
print(k, v)
local count = 0
for k2 in next, t do count = count + 1 end
print(count)
print(next({}, nil), select("#", next({})))
local ok, e = pcall(next, {}, 1)
print(ok, e)
local p = setmetatable({}, { __pairs = function(tt) return function(_, k) if not k then return 1, "one" end end, tt, nil end })
for a, b in pairs(p) do print(a, b) end
print((select(2, pcall(pairs))))
print((select(2, pcall(ipairs))))
print(select("#", pcall(pairs, nil)), (pcall(pairs, nil)))
